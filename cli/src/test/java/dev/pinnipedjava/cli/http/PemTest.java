package dev.pinnipedjava.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Kubeconfigs carry keys in the three PEM forms Go writes; all must load. */
class PemTest {

  private static final byte[] DATA = "to be signed".getBytes(StandardCharsets.US_ASCII);

  enum Form {
    TRADITIONAL,
    SEC1_WITH_CURVE,
    PKCS8
  }

  record Case(String name, KeyPair keys, Form form, String wantHeader) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair rsaKeys = rsa.generateKeyPair();
    KeyPair ecKeys = ec.generateKeyPair();
    return Stream.of(
        new Case("RSA PKCS#1", rsaKeys, Form.TRADITIONAL, "-----BEGIN RSA PRIVATE KEY-----"),
        new Case(
            "EC SEC1 naming its curve, as Go writes it",
            ecKeys,
            Form.SEC1_WITH_CURVE,
            "-----BEGIN EC PRIVATE KEY-----"),
        new Case("RSA PKCS#8", rsaKeys, Form.PKCS8, "-----BEGIN PRIVATE KEY-----"),
        new Case("EC PKCS#8", ecKeys, Form.PKCS8, "-----BEGIN PRIVATE KEY-----"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsThePrivateKey(Case c) throws Exception {
    String pem = encode(c);
    assertThat(pem).startsWith(c.wantHeader());

    var key = Pem.privateKey(pem.getBytes(StandardCharsets.US_ASCII));

    String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(DATA);
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(c.keys().getPublic());
    verifier.update(DATA);
    assertThat(verifier.verify(signer.sign())).as("the key read signs for its public key").isTrue();
  }

  private static String encode(Case c) throws IOException {
    if (c.form() == Form.SEC1_WITH_CURVE) {
      ECPrivateKey key = (ECPrivateKey) c.keys().getPrivate();
      ASN1Encodable curve =
          PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm().getParameters();
      byte[] der = new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(), curve).getEncoded();
      return "-----BEGIN EC PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
          + "\n-----END EC PRIVATE KEY-----\n";
    }
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(
          c.form() == Form.PKCS8 ? new JcaPKCS8Generator(c.keys().getPrivate(), null) : c.keys());
    }
    return pem.toString();
  }

  @Test
  void textWithoutAKeyIsRefused() {
    assertThatThrownBy(() -> Pem.privateKey("hello".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(IOException.class)
        .hasMessage("no private key found in the PEM data");
  }
}

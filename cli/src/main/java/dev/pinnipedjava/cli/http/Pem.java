package dev.pinnipedjava.cli.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads PEM certificate bundles and private keys (PKCS#8, PKCS#1 RSA and SEC1 EC). */
public final class Pem {

  private static final Pattern CERTIFICATE_BLOCK =
      Pattern.compile(
          "-----BEGIN CERTIFICATE-----[^-]*-----END CERTIFICATE-----", Pattern.MULTILINE);

  private Pem() {}

  /**
   * Every certificate in a PEM bundle; other blocks and text between blocks are ignored, as Go's
   * {@code AppendCertsFromPEM} does.
   *
   * @throws CertificateException when a CERTIFICATE block does not hold a certificate
   */
  public static List<X509Certificate> certificates(byte[] pem) throws CertificateException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> certificates = new ArrayList<>();
    Matcher matcher = CERTIFICATE_BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
    while (matcher.find()) {
      byte[] block = matcher.group().getBytes(StandardCharsets.US_ASCII);
      certificates.add(
          (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block)));
    }
    return List.copyOf(certificates);
  }

  /**
   * The first private key in a PEM text.
   *
   * @throws IOException when there is no readable, unencrypted private key
   */
  public static PrivateKey privateKey(byte[] pem) throws IOException {
    try (PEMParser parser =
        new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        if (object instanceof PEMKeyPair pair) {
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (object instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException("could not read the private key: " + e.getMessage(), e);
    }
    throw new IOException("no private key found in the PEM data");
  }
}

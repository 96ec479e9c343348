package dev.pinnipedjava.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Encodes and decodes the PEM forms Kubernetes and OpenSSL use: {@code CERTIFICATE}, PKCS#8 {@code
 * PRIVATE KEY} (also reading SEC 1 {@code EC PRIVATE KEY} and PKCS#1 {@code RSA PRIVATE KEY}) and
 * X.509 {@code PUBLIC KEY}. Keys are written as PKCS#8 / SubjectPublicKeyInfo only.
 */
public final class Pem {
  private static final String CERTIFICATE = "CERTIFICATE";
  private static final String PRIVATE_KEY = "PRIVATE KEY";
  private static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";
  private static final String RSA_PRIVATE_KEY = "RSA PRIVATE KEY";
  private static final String PUBLIC_KEY = "PUBLIC KEY";

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\R(.*?)-----END \\1-----", Pattern.DOTALL);

  private Pem() {}

  /** One PEM block: its label and base64 body. */
  private record Block(String label, String base64) {
    byte[] der() {
      try {
        return Base64.getMimeDecoder().decode(base64);
      } catch (IllegalArgumentException e) {
        throw new InvalidPemException(label + " block is not valid base64", e);
      }
    }
  }

  public static String encodeCertificate(X509Certificate certificate) {
    try {
      return encode(CERTIFICATE, certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be DER-encoded", e);
    }
  }

  public static String encodeCertificates(List<X509Certificate> certificates) {
    StringBuilder pem = new StringBuilder();
    certificates.forEach(certificate -> pem.append(encodeCertificate(certificate)));
    return pem.toString();
  }

  /** Every {@code CERTIFICATE} block of the text, in order; other blocks are ignored. */
  public static List<X509Certificate> decodeCertificates(String pem) {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Block block : blocks(pem)) {
      if (block.label().equals(CERTIFICATE)) {
        certificates.add(parseCertificate(block.der()));
      }
    }
    if (certificates.isEmpty()) {
      throw new InvalidPemException("no CERTIFICATE block found");
    }
    return List.copyOf(certificates);
  }

  /** The single certificate of the text; more than one is an error. */
  public static X509Certificate decodeCertificate(String pem) {
    List<X509Certificate> certificates = decodeCertificates(pem);
    if (certificates.size() != 1) {
      throw new InvalidPemException("expected one CERTIFICATE block, found " + certificates.size());
    }
    return certificates.get(0);
  }

  /** A private key as PKCS#8 {@code PRIVATE KEY}. */
  public static String encodePrivateKey(PrivateKey key) {
    return encode(PRIVATE_KEY, key.getEncoded());
  }

  /**
   * A private key in OpenSSL's traditional form: SEC 1 {@code EC PRIVATE KEY} (with its curve and
   * public key) or PKCS#1 {@code RSA PRIVATE KEY}. Some Kubernetes clients (fabric8) read EC keys
   * only in this form.
   */
  public static String encodeTraditionalPrivateKey(PrivateKey key) {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
    ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
    try {
      if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
        return encode(RSA_PRIVATE_KEY, info.parsePrivateKey().toASN1Primitive().getEncoded());
      }
      if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        return encode(EC_PRIVATE_KEY, sec1(info).getEncoded());
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("private key cannot be DER-encoded", e);
    }
    throw new IllegalArgumentException("unsupported key algorithm " + algorithm);
  }

  /** The SEC 1 structure with the curve and public point that a PKCS#8 encoding may omit. */
  private static ECPrivateKey sec1(PrivateKeyInfo info) throws IOException {
    ASN1ObjectIdentifier curve =
        ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
    X9ECParameters parameters = ECNamedCurveTable.getByOID(curve);
    if (parameters == null) {
      throw new IllegalArgumentException("unsupported named curve " + curve);
    }
    BigInteger secret = ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
    byte[] publicPoint = parameters.getG().multiply(secret).normalize().getEncoded(false);
    return new ECPrivateKey(
        parameters.getN().bitLength(), secret, new DERBitString(publicPoint), curve);
  }

  /** The first private key block of the text, in any of the three supported encodings. */
  public static PrivateKey decodePrivateKey(String pem) {
    for (Block block : blocks(pem)) {
      switch (block.label()) {
        case PRIVATE_KEY -> {
          return privateKey(pkcs8(block));
        }
        case EC_PRIVATE_KEY -> {
          return privateKey(pkcs8FromSec1(block));
        }
        case RSA_PRIVATE_KEY -> {
          return privateKey(pkcs8FromPkcs1(block));
        }
        default -> {
          // not a private key: keep looking
        }
      }
    }
    throw new InvalidPemException(
        "no PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY block found"
            + " (encrypted keys are not supported)");
  }

  /** A public key as X.509 SubjectPublicKeyInfo {@code PUBLIC KEY}. */
  public static String encodePublicKey(PublicKey key) {
    return encode(PUBLIC_KEY, key.getEncoded());
  }

  public static PublicKey decodePublicKey(String pem) {
    for (Block block : blocks(pem)) {
      if (block.label().equals(PUBLIC_KEY)) {
        SubjectPublicKeyInfo info;
        try {
          info = SubjectPublicKeyInfo.getInstance(block.der());
        } catch (RuntimeException e) {
          throw new InvalidPemException("PUBLIC KEY block is not a SubjectPublicKeyInfo", e);
        }
        String algorithm = keyAlgorithm(info.getAlgorithm().getAlgorithm());
        try {
          return KeyFactory.getInstance(algorithm)
              .generatePublic(new X509EncodedKeySpec(block.der()));
        } catch (GeneralSecurityException e) {
          throw new InvalidPemException("PUBLIC KEY block is not a valid " + algorithm + " key", e);
        }
      }
    }
    throw new InvalidPemException("no PUBLIC KEY block found");
  }

  private static String encode(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static List<Block> blocks(String pem) {
    List<Block> blocks = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(pem);
    while (matcher.find()) {
      String label = matcher.group(1);
      String body = matcher.group(2);
      if (body.contains(":")) {
        // RFC 1421 headers (Proc-Type, DEK-Info) mean a legacy encrypted key.
        throw new InvalidPemException(label + " block has headers; encrypted PEM is not supported");
      }
      blocks.add(new Block(label, body));
    }
    return blocks;
  }

  private static X509Certificate parseCertificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new InvalidPemException("CERTIFICATE block is not a valid X.509 certificate", e);
    }
  }

  private static PrivateKeyInfo pkcs8(Block block) {
    try {
      return PrivateKeyInfo.getInstance(block.der());
    } catch (RuntimeException e) {
      throw new InvalidPemException("PRIVATE KEY block is not PKCS#8", e);
    }
  }

  private static PrivateKeyInfo pkcs8FromSec1(Block block) {
    try {
      ECPrivateKey sec1 = ECPrivateKey.getInstance(block.der());
      ASN1Object curve = sec1.getParametersObject();
      if (curve == null) {
        throw new InvalidPemException("EC PRIVATE KEY block does not name its curve");
      }
      return new PrivateKeyInfo(
          new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), sec1);
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidPemException invalid) {
        throw invalid;
      }
      throw new InvalidPemException("EC PRIVATE KEY block is not a SEC 1 EC private key", e);
    }
  }

  private static PrivateKeyInfo pkcs8FromPkcs1(Block block) {
    try {
      return new PrivateKeyInfo(
          new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
          RSAPrivateKey.getInstance(block.der()));
    } catch (IOException | RuntimeException e) {
      throw new InvalidPemException("RSA PRIVATE KEY block is not a PKCS#1 RSA private key", e);
    }
  }

  private static PrivateKey privateKey(PrivateKeyInfo info) {
    String algorithm = keyAlgorithm(info.getPrivateKeyAlgorithm().getAlgorithm());
    try {
      return KeyFactory.getInstance(algorithm)
          .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (GeneralSecurityException | IOException e) {
      throw new InvalidPemException("private key is not a valid " + algorithm + " key", e);
    }
  }

  private static String keyAlgorithm(ASN1ObjectIdentifier oid) {
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return "EC";
    }
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return "RSA";
    }
    throw new InvalidPemException("unsupported key algorithm " + oid + " (want EC or RSA)");
  }
}

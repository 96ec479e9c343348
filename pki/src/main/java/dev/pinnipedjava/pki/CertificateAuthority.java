package dev.pinnipedjava.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority holding its certificate and signing key, issuing serving and client
 * certificates. Issued keys are always ECDSA P-256. Every certificate's NotBefore is backdated by
 * {@link #BACKDATE} so that peers whose clocks run slightly behind accept it at once.
 */
public final class CertificateAuthority {
  /** How far NotBefore lies before the issuing instant (Pinniped backdates client certs 5 min). */
  public static final Duration BACKDATE = Duration.ofMinutes(5);

  private static final KeyType ISSUED_KEY_TYPE = KeyType.ECDSA_P256;

  private final X509Certificate certificate;
  private final PrivateKey privateKey;
  private final String signatureAlgorithm;
  private final Clock clock;
  private final SecureRandom random;

  private CertificateAuthority(
      X509Certificate certificate, PrivateKey privateKey, Clock clock, SecureRandom random) {
    this.certificate = certificate;
    this.privateKey = privateKey;
    this.signatureAlgorithm = KeyType.of(privateKey).signatureAlgorithm();
    this.clock = clock;
    this.random = random;
  }

  /** A new self-signed ECDSA P-256 CA named {@code CN=name}. */
  public static CertificateAuthority create(
      String name, Duration validity, Clock clock, SecureRandom random) {
    return create(name, validity, KeyType.ECDSA_P256, clock, random);
  }

  /** A new self-signed CA named {@code CN=name} with a key of the given type. */
  public static CertificateAuthority create(
      String name, Duration validity, KeyType keyType, Clock clock, SecureRandom random) {
    requirePositive(validity);
    KeyPair keyPair = keyType.generateKeyPair(random);
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
    Instant now = clock.instant();
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject,
                  serialNumber(random),
                  Date.from(now.minus(BACKDATE)),
                  Date.from(now.plus(validity)),
                  subject,
                  keyPair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
      X509Certificate certificate =
          sign(builder, keyPair.getPrivate(), keyType.signatureAlgorithm(), random);
      return new CertificateAuthority(certificate, keyPair.getPrivate(), clock, random);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot create CA certificate for " + name, e);
    }
  }

  /**
   * A CA from its PEM certificate and private key (PKCS#8, SEC 1 or PKCS#1). The certificate must
   * be a CA certificate and the key must be its key.
   */
  public static CertificateAuthority load(
      String certificatePem, String privateKeyPem, Clock clock, SecureRandom random) {
    X509Certificate certificate = Pem.decodeCertificate(certificatePem);
    PrivateKey privateKey = Pem.decodePrivateKey(privateKeyPem);
    if (certificate.getBasicConstraints() < 0) {
      throw new IllegalArgumentException(
          "certificate " + certificate.getSubjectX500Principal().getName() + " is not a CA");
    }
    if (!keysMatch(privateKey, certificate.getPublicKey(), random)) {
      throw new IllegalArgumentException(
          "private key does not belong to certificate "
              + certificate.getSubjectX500Principal().getName());
    }
    return new CertificateAuthority(certificate, privateKey, clock, random);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public String certificatePem() {
    return Pem.encodeCertificate(certificate);
  }

  /** The CA's signing key as PKCS#8 PEM, for handing the CA to a process that issues too. */
  public String privateKeyPem() {
    return Pem.encodePrivateKey(privateKey);
  }

  /** A TLS server certificate (ExtKeyUsage serverAuth) for the given DNS names and IP addresses. */
  public IssuedCertificate issueServingCertificate(
      String commonName, List<String> dnsNames, List<InetAddress> ipAddresses, Duration validity) {
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
    ipAddresses.forEach(
        ip -> names.add(new GeneralName(GeneralName.iPAddress, ip.getHostAddress())));
    return issue(subject(commonName, List.of()), KeyPurposeId.id_kp_serverAuth, names, validity);
  }

  /**
   * A TLS client certificate (ExtKeyUsage clientAuth) in the Kubernetes form: the user name is the
   * common name and each group is an organization.
   */
  public IssuedCertificate issueClientCertificate(
      String commonName, List<String> organizations, Duration validity) {
    return issue(
        subject(commonName, organizations), KeyPurposeId.id_kp_clientAuth, List.of(), validity);
  }

  private IssuedCertificate issue(
      X500Name subject, KeyPurposeId purpose, List<GeneralName> names, Duration validity) {
    requirePositive(validity);
    KeyPair keyPair = ISSUED_KEY_TYPE.generateKeyPair(random);
    Instant now = clock.instant();
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  certificate,
                  serialNumber(random),
                  Date.from(now.minus(BACKDATE)),
                  Date.from(now.plus(validity)),
                  subject,
                  keyPair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  extensions.createAuthorityKeyIdentifier(certificate))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
      if (!names.isEmpty()) {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(names.toArray(GeneralName[]::new)));
      }
      X509Certificate issued = sign(builder, privateKey, signatureAlgorithm, random);
      return new IssuedCertificate(List.of(issued), keyPair.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue certificate for " + subject, e);
    }
  }

  private static X500Name subject(String commonName, List<String> organizations) {
    X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
    organizations.forEach(organization -> name.addRDN(BCStyle.O, organization));
    if (!commonName.isEmpty()) {
      name.addRDN(BCStyle.CN, commonName);
    }
    return name.build();
  }

  private static X509Certificate sign(
      X509v3CertificateBuilder builder,
      PrivateKey signingKey,
      String signatureAlgorithm,
      SecureRandom random)
      throws CertificateException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder(signatureAlgorithm)
                      .setSecureRandom(random)
                      .build(signingKey)));
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("the JDK cannot sign with " + signatureAlgorithm, e);
    }
  }

  /** A random positive 128-bit serial number (RFC 5280 allows up to 20 octets). */
  private static BigInteger serialNumber(SecureRandom random) {
    return new BigInteger(128, random).setBit(127);
  }

  private static boolean keysMatch(
      PrivateKey privateKey, PublicKey publicKey, SecureRandom random) {
    String algorithm = KeyType.of(privateKey).signatureAlgorithm();
    byte[] challenge = new byte[32];
    random.nextBytes(challenge);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey, random);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static void requirePositive(Duration validity) {
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity must be positive, got " + validity);
    }
  }

  @Override
  public String toString() {
    return "CertificateAuthority[subject="
        + certificate.getSubjectX500Principal().getName()
        + ", notAfter="
        + certificate.getNotAfter().toInstant()
        + "]";
  }
}

package dev.pinnipedjava.pki;

import static dev.pinnipedjava.pki.TestResources.belongTogether;
import static dev.pinnipedjava.pki.TestResources.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CertificateAuthorityTest {
  private static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  @ParameterizedTest(name = "{0}")
  @EnumSource(KeyType.class)
  void createsASelfSignedCa(KeyType keyType) throws GeneralSecurityException {
    CertificateAuthority ca =
        CertificateAuthority.create("test-ca", Duration.ofDays(365), keyType, CLOCK, RANDOM);

    X509Certificate certificate = ca.certificate();
    certificate.verify(certificate.getPublicKey());
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=test-ca");
    assertThat(certificate.getIssuerX500Principal())
        .isEqualTo(certificate.getSubjectX500Principal());
    assertThat(certificate.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    boolean[] keyUsage = certificate.getKeyUsage();
    assertThat(keyUsage[5]).as("keyCertSign").isTrue();
    assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
    assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    assertThat(certificate.getPublicKey().getAlgorithm())
        .isEqualTo(keyType == KeyType.ECDSA_P256 ? "EC" : "RSA");
    assertThat(belongTogether(Pem.decodePrivateKey(ca.privateKeyPem()), certificate.getPublicKey()))
        .isTrue();
  }

  record IssueCase(
      String name,
      KeyType caKeyType,
      boolean serving,
      String commonName,
      List<String> organizations,
      List<String> dnsNames,
      List<String> ipAddresses,
      Duration validity,
      String wantExtKeyUsage) {}

  static Stream<IssueCase> issueCases() {
    return Stream.of(KeyType.values())
        .flatMap(
            caKeyType ->
                Stream.of(
                    new IssueCase(
                        "client alice in two groups, " + caKeyType,
                        caKeyType,
                        false,
                        "alice",
                        List.of("devs", "system:authenticated"),
                        List.of(),
                        List.of(),
                        Duration.ofMinutes(5),
                        CLIENT_AUTH),
                    new IssueCase(
                        "client without groups, " + caKeyType,
                        caKeyType,
                        false,
                        "bob@example.com",
                        List.of(),
                        List.of(),
                        List.of(),
                        Duration.ofHours(1),
                        CLIENT_AUTH),
                    new IssueCase(
                        "serving for names and addresses, " + caKeyType,
                        caKeyType,
                        true,
                        "kube-apiserver",
                        List.of(),
                        List.of("localhost", "kubernetes.default.svc"),
                        List.of("127.0.0.1", "10.0.0.1", "::1"),
                        Duration.ofDays(30),
                        SERVER_AUTH)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("issueCases")
  void issuesCertificatesThatChainToTheCa(IssueCase c) throws Exception {
    CertificateAuthority ca =
        CertificateAuthority.create("issuer", Duration.ofDays(365), c.caKeyType(), CLOCK, RANDOM);

    IssuedCertificate issued =
        c.serving()
            ? ca.issueServingCertificate(
                c.commonName(), c.dnsNames(), addresses(c.ipAddresses()), c.validity())
            : ca.issueClientCertificate(c.commonName(), c.organizations(), c.validity());

    X509Certificate leaf = issued.certificate();
    assertThat(issued.chain()).containsExactly(leaf);
    validatePath(leaf, ca.certificate(), NOW);
    X500Name subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
    assertThat(values(subject.getRDNs(BCStyle.CN))).containsExactly(c.commonName());
    assertThat(values(subject.getRDNs(BCStyle.O))).containsExactlyElementsOf(c.organizations());
    assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
    assertThat(leaf.getExtendedKeyUsage()).containsExactly(c.wantExtKeyUsage());
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
    assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(c.validity()));
    assertThat(sans(leaf, DNS_NAME)).containsExactlyElementsOf(c.dnsNames());
    assertThat(sans(leaf, IP_ADDRESS))
        .containsExactlyElementsOf(
            addresses(c.ipAddresses()).stream().map(InetAddress::getHostAddress).toList());
    assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(belongTogether(issued.privateKey(), leaf.getPublicKey())).isTrue();
  }

  @Test
  void issuedCertificatesAreNotYetValidBeforeTheBackdatedStartAndExpireAfterTheirValidity() {
    CertificateAuthority ca = CertificateAuthority.create("ca", Duration.ofDays(1), CLOCK, RANDOM);
    X509Certificate leaf =
        ca.issueClientCertificate("alice", List.of(), Duration.ofMinutes(5)).certificate();

    assertThatThrownBy(() -> validatePath(leaf, ca.certificate(), NOW.minus(Duration.ofMinutes(6))))
        .hasRootCauseInstanceOf(CertificateNotYetValidException.class);
    assertThatThrownBy(() -> validatePath(leaf, ca.certificate(), NOW.plus(Duration.ofMinutes(6))))
        .hasRootCauseInstanceOf(CertificateExpiredException.class);
  }

  @Test
  void certificatesFromAnotherCaDoNotVerify() {
    CertificateAuthority ca = CertificateAuthority.create("one", Duration.ofDays(1), CLOCK, RANDOM);
    CertificateAuthority other =
        CertificateAuthority.create("one", Duration.ofDays(1), CLOCK, RANDOM);
    X509Certificate leaf =
        other.issueClientCertificate("mallory", List.of(), Duration.ofMinutes(5)).certificate();

    assertThatThrownBy(() -> leaf.verify(ca.certificate().getPublicKey()))
        .isInstanceOf(GeneralSecurityException.class);
  }

  record LoadCase(String name, String certificatePem, String privateKeyPem) {}

  static Stream<LoadCase> loadableCas() {
    CertificateAuthority ecCa =
        CertificateAuthority.create("ec", Duration.ofDays(1), CLOCK, RANDOM);
    CertificateAuthority rsaCa =
        CertificateAuthority.create("rsa", Duration.ofDays(1), KeyType.RSA_2048, CLOCK, RANDOM);
    return Stream.of(
        new LoadCase("own EC CA, PKCS#8", ecCa.certificatePem(), ecCa.privateKeyPem()),
        new LoadCase("own RSA CA, PKCS#8", rsaCa.certificatePem(), rsaCa.privateKeyPem()),
        new LoadCase("OpenSSL CA, SEC 1 key", read("ec-ca.crt"), read("ec-sec1.pem")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("loadableCas")
  void loadedCaIssuesCertificatesThatVerifyAgainstTheOriginal(LoadCase c) throws Exception {
    X509Certificate original = Pem.decodeCertificate(c.certificatePem());

    CertificateAuthority loaded =
        CertificateAuthority.load(c.certificatePem(), c.privateKeyPem(), CLOCK, RANDOM);

    assertThat(loaded.certificate()).isEqualTo(original);
    X509Certificate leaf =
        loaded
            .issueClientCertificate("alice", List.of("devs"), Duration.ofMinutes(5))
            .certificate();
    validatePath(leaf, original, NOW);
  }

  record RejectCase(String name, String certificatePem, String privateKeyPem, String wantMessage) {}

  static Stream<RejectCase> unloadableCas() {
    return Stream.of(
        new RejectCase(
            "certificate is not a CA", read("rsa-leaf.crt"), read("rsa-pkcs1.pem"), "is not a CA"),
        new RejectCase(
            "key belongs to another certificate",
            read("ec-ca.crt"),
            read("rsa-pkcs1.pem"),
            "does not belong to certificate CN=openssl-ca"),
        new RejectCase(
            "key of the same type but another pair",
            read("ec-ca.crt"),
            Pem.encodePrivateKey(KeyType.ECDSA_P256.generateKeyPair(RANDOM).getPrivate()),
            "does not belong"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unloadableCas")
  void refusesToLoadMismatchedMaterial(RejectCase c) {
    assertThatThrownBy(
            () -> CertificateAuthority.load(c.certificatePem(), c.privateKeyPem(), CLOCK, RANDOM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(c.wantMessage());
  }

  @Test
  void toStringNeverShowsAPrivateKey() {
    CertificateAuthority ca = CertificateAuthority.create("ca", Duration.ofDays(1), CLOCK, RANDOM);
    IssuedCertificate issued =
        ca.issueClientCertificate("alice", List.of("devs"), Duration.ofMinutes(5));

    assertThat(issued.toString())
        .contains("CN=alice", "redacted")
        .doesNotContain(keyMaterialLines(issued.privateKeyPem()));
    assertThat(ca.toString())
        .contains("CN=ca")
        .doesNotContain(keyMaterialLines(ca.privateKeyPem()));
  }

  @Test
  void rejectsANonPositiveValidity() {
    CertificateAuthority ca = CertificateAuthority.create("ca", Duration.ofDays(1), CLOCK, RANDOM);

    assertThatThrownBy(() -> ca.issueClientCertificate("alice", List.of(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("validity must be positive");
  }

  private static String[] keyMaterialLines(String pem) {
    return pem.lines().filter(line -> !line.startsWith("-----")).toArray(String[]::new);
  }

  private static void validatePath(X509Certificate leaf, X509Certificate root, Instant at)
      throws GeneralSecurityException {
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    parameters.setRevocationEnabled(false);
    parameters.setDate(Date.from(at));
    CertPathValidator.getInstance("PKIX")
        .validate(
            CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
  }

  private static List<String> values(RDN[] rdns) {
    return Arrays.stream(rdns)
        .map(rdn -> IETFUtils.valueToString(rdn.getFirst().getValue()))
        .toList();
  }

  private static List<String> sans(X509Certificate certificate, int type)
      throws CertificateParsingException {
    Collection<List<?>> names = certificate.getSubjectAlternativeNames();
    if (names == null) {
      return List.of();
    }
    return names.stream()
        .filter(name -> ((Integer) name.get(0)) == type)
        .map(name -> (String) name.get(1))
        .toList();
  }

  private static List<InetAddress> addresses(List<String> literals) {
    return literals.stream()
        .map(
            literal -> {
              try {
                return InetAddress.getByName(literal);
              } catch (UnknownHostException e) {
                throw new IllegalArgumentException(literal, e);
              }
            })
        .toList();
  }
}

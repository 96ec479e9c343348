package dev.pinnipedjava.pki;

import static dev.pinnipedjava.pki.TestResources.belongTogether;
import static dev.pinnipedjava.pki.TestResources.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PemTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  record KeyCase(String name, String keyResource, String pkcs8Resource, String publicResource) {}

  static Stream<KeyCase> opensslKeys() {
    return Stream.of(
        new KeyCase("EC PRIVATE KEY (SEC 1)", "ec-sec1.pem", "ec-pkcs8.pem", "ec-public.pem"),
        new KeyCase("PRIVATE KEY (PKCS#8, EC)", "ec-pkcs8.pem", "ec-pkcs8.pem", "ec-public.pem"),
        new KeyCase("RSA PRIVATE KEY (PKCS#1)", "rsa-pkcs1.pem", "rsa-pkcs8.pem", "rsa-public.pem"),
        new KeyCase(
            "PRIVATE KEY (PKCS#8, RSA)", "rsa-pkcs8.pem", "rsa-pkcs8.pem", "rsa-public.pem"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("opensslKeys")
  void decodesOpensslPrivateKeys(KeyCase c) {
    PrivateKey key = Pem.decodePrivateKey(read(c.keyResource()));

    PrivateKey opensslPkcs8 = Pem.decodePrivateKey(read(c.pkcs8Resource()));
    assertThat(secret(key)).isEqualTo(secret(opensslPkcs8));
    assertThat(belongTogether(key, Pem.decodePublicKey(read(c.publicResource())))).isTrue();
  }

  record TraditionalCase(String name, String pkcs8Resource, String wantResource) {}

  static Stream<TraditionalCase> traditionalEncodings() {
    return Stream.of(
        new TraditionalCase("EC to SEC 1", "ec-pkcs8.pem", "ec-sec1.pem"),
        new TraditionalCase("RSA to PKCS#1", "rsa-pkcs8.pem", "rsa-pkcs1.pem"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("traditionalEncodings")
  void traditionalEncodingMatchesOpenssl(TraditionalCase c) {
    PrivateKey key = Pem.decodePrivateKey(read(c.pkcs8Resource()));

    assertThat(Pem.encodeTraditionalPrivateKey(key)).isEqualTo(read(c.wantResource()));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(KeyType.class)
  void traditionalEncodingRoundTrips(KeyType type) {
    KeyPair pair = type.generateKeyPair(RANDOM);

    PrivateKey decoded = Pem.decodePrivateKey(Pem.encodeTraditionalPrivateKey(pair.getPrivate()));

    assertThat(secret(decoded)).isEqualTo(secret(pair.getPrivate()));
    assertThat(belongTogether(decoded, pair.getPublic())).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(KeyType.class)
  void privateAndPublicKeysRoundTrip(KeyType type) {
    KeyPair pair = type.generateKeyPair(RANDOM);

    String privatePem = Pem.encodePrivateKey(pair.getPrivate());
    String publicPem = Pem.encodePublicKey(pair.getPublic());

    assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(Pem.decodePrivateKey(privatePem)).isEqualTo(pair.getPrivate());
    assertThat(Pem.decodePublicKey(publicPem)).isEqualTo(pair.getPublic());
  }

  @Test
  void encodedLinesAreAtMost64Characters() {
    String pem = Pem.encodePrivateKey(KeyType.RSA_2048.generateKeyPair(RANDOM).getPrivate());

    assertThat(pem.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(64));
    assertThat(pem).endsWith("-----END PRIVATE KEY-----\n");
  }

  @Test
  void certificatesRoundTripInOrderAndOtherBlocksAreSkipped() {
    List<X509Certificate> certificates =
        List.of(newCa("first").certificate(), newCa("second").certificate());
    String bundle = read("ec-sec1.pem") + Pem.encodeCertificates(certificates);

    assertThat(Pem.decodeCertificates(bundle)).containsExactlyElementsOf(certificates);
    assertThat(Pem.decodeCertificate(Pem.encodeCertificate(certificates.get(1))))
        .isEqualTo(certificates.get(1));
  }

  @Test
  void decodesAnOpensslCertificate() {
    X509Certificate certificate = Pem.decodeCertificate(read("ec-ca.crt"));

    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=openssl-ca");
    assertThat(certificate.getPublicKey()).isEqualTo(Pem.decodePublicKey(read("ec-public.pem")));
  }

  @Test
  void acceptsWindowsLineEndings() {
    String crlf = read("ec-sec1.pem").replace("\n", "\r\n");

    assertThat(Pem.decodePrivateKey(crlf)).isEqualTo(Pem.decodePrivateKey(read("ec-sec1.pem")));
  }

  record BadCase(String name, String pem, Function<String, ?> decode, String wantMessage) {}

  static Stream<BadCase> badInput() {
    String secretBody = read("ec-sec1.pem").lines().skip(1).findFirst().orElseThrow();
    return Stream.of(
        new BadCase("empty text", "", Pem::decodePrivateKey, "no PRIVATE KEY"),
        new BadCase(
            "encrypted EC key", read("ec-encrypted.pem"), Pem::decodePrivateKey, "encrypted PEM"),
        new BadCase(
            "certificate where a key is wanted",
            read("ec-ca.crt"),
            Pem::decodePrivateKey,
            "no PRIVATE KEY"),
        new BadCase(
            "key where a certificate is wanted",
            read("ec-sec1.pem"),
            Pem::decodeCertificates,
            "no CERTIFICATE block"),
        new BadCase(
            "two certificates where one is wanted",
            read("ec-ca.crt") + read("rsa-leaf.crt"),
            Pem::decodeCertificate,
            "expected one CERTIFICATE block, found 2"),
        new BadCase(
            "garbage DER in a certificate",
            "-----BEGIN CERTIFICATE-----\n" + secretBody + "\n-----END CERTIFICATE-----\n",
            Pem::decodeCertificates,
            "not a valid X.509 certificate"),
        new BadCase(
            "garbage DER in a SEC 1 key",
            "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n",
            Pem::decodePrivateKey,
            "not a SEC 1 EC private key"),
        new BadCase(
            "unsupported key algorithm",
            Pem.encodePrivateKey(ed25519().getPrivate()),
            Pem::decodePrivateKey,
            "unsupported key algorithm 1.3.101.112"),
        new BadCase(
            "private key where a public key is wanted",
            read("rsa-pkcs8.pem"),
            Pem::decodePublicKey,
            "no PUBLIC KEY block"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void rejectsBadInputWithoutEchoingIt(BadCase c) {
    assertThatThrownBy(() -> c.decode().apply(c.pem()))
        .isInstanceOf(InvalidPemException.class)
        .hasMessageContaining(c.wantMessage())
        .satisfies(
            e ->
                c.pem()
                    .lines()
                    .filter(line -> !line.startsWith("-----") && line.length() > 8)
                    .forEach(line -> assertThat(e.getMessage()).doesNotContain(line)));
  }

  /** The number that makes the key secret, independent of how its encoding carries parameters. */
  private static BigInteger secret(PrivateKey key) {
    if (key instanceof ECPrivateKey ec) {
      return ec.getS();
    }
    return ((RSAPrivateKey) key).getPrivateExponent();
  }

  private static CertificateAuthority newCa(String name) {
    return CertificateAuthority.create(name, Duration.ofDays(1), Clock.systemUTC(), RANDOM);
  }

  private static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void publicKeyOfAnOpensslCertificateMatchesItsPrivateKey() {
    PublicKey fromCertificate = Pem.decodeCertificate(read("rsa-leaf.crt")).getPublicKey();

    assertThat(belongTogether(Pem.decodePrivateKey(read("rsa-pkcs1.pem")), fromCertificate))
        .isTrue();
  }
}

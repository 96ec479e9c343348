package dev.pinnipedjava.aggregatedapi.frontproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.aggregatedapi.apiserver.RequestHeaders;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FrontProxyAuthenticatorTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final CertificateAuthority FRONT_PROXY_CA =
      CertificateAuthority.create("front-proxy-ca", Duration.ofDays(365), CLOCK, RANDOM);
  private static final CertificateAuthority CLIENT_CA =
      CertificateAuthority.create("client-ca", Duration.ofDays(365), CLOCK, RANDOM);
  private static final IssuedCertificate PROXY =
      FRONT_PROXY_CA.issueClientCertificate("front-proxy-client", List.of(), Duration.ofDays(1));

  private static final RequestHeaderConfig CONFIG =
      new RequestHeaderConfig(
          List.of(FRONT_PROXY_CA.certificate()),
          List.of("front-proxy-client"),
          List.of("X-Remote-User"),
          List.of("X-Remote-Uid"),
          List.of("X-Remote-Group"),
          List.of("X-Remote-Extra-"));

  private static final List<Map.Entry<String, String>> PAT =
      List.of(
          header("X-Remote-User", "pat"),
          header("X-Remote-Group", "devs"),
          header("X-Remote-Group", "system:authenticated"));

  /** A row: the front-proxy configuration known, what the client presents, what it is. */
  record Case(
      String name,
      @Nullable RequestHeaderConfig config,
      List<X509Certificate> chain,
      List<Map.Entry<String, String>> headers,
      @Nullable KubernetesUser want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    RequestHeaderConfig anyName =
        new RequestHeaderConfig(
            CONFIG.certificateAuthorities(),
            List.of(),
            CONFIG.usernameHeaders(),
            CONFIG.uidHeaders(),
            CONFIG.groupHeaders(),
            CONFIG.extraHeaderPrefixes());
    IssuedCertificate otherName =
        FRONT_PROXY_CA.issueClientCertificate("someone-else", List.of(), Duration.ofDays(1));
    // A CA made three days ago issued a one-day certificate, which has expired by now.
    CertificateAuthority oldCa =
        CertificateAuthority.create(
            "front-proxy-ca",
            Duration.ofDays(365),
            Clock.fixed(NOW.minus(Duration.ofDays(3)), ZoneOffset.UTC),
            RANDOM);
    IssuedCertificate expired =
        oldCa.issueClientCertificate("front-proxy-client", List.of(), Duration.ofDays(1));
    RequestHeaderConfig expiredConfig =
        new RequestHeaderConfig(
            List.of(oldCa.certificate()),
            CONFIG.allowedNames(),
            CONFIG.usernameHeaders(),
            CONFIG.uidHeaders(),
            CONFIG.groupHeaders(),
            CONFIG.extraHeaderPrefixes());
    IssuedCertificate serverOnly =
        FRONT_PROXY_CA.issueServingCertificate(
            "front-proxy-client",
            List.of("x"),
            List.of(InetAddress.getLoopbackAddress()),
            Duration.ofDays(1));
    IssuedCertificate clientCaUser =
        CLIENT_CA.issueClientCertificate("front-proxy-client", List.of(), Duration.ofDays(1));

    return Stream.of(
        new Case("no certificate is anonymous", CONFIG, List.of(), PAT, KubernetesUser.ANONYMOUS),
        new Case(
            "no certificate is anonymous without configuration",
            null,
            List.of(),
            PAT,
            KubernetesUser.ANONYMOUS),
        new Case(
            "front proxy with user and groups",
            CONFIG,
            PROXY.chain(),
            PAT,
            KubernetesUser.of("pat", List.of("devs", "system:authenticated"))),
        new Case(
            "system:authenticated is added when missing",
            CONFIG,
            PROXY.chain(),
            List.of(header("X-Remote-User", "pat"), header("X-Remote-Group", "devs")),
            KubernetesUser.of("pat", List.of("devs", "system:authenticated"))),
        new Case(
            "anonymous passed through the proxy stays anonymous",
            CONFIG,
            PROXY.chain(),
            List.of(
                header("X-Remote-User", "system:anonymous"),
                header("X-Remote-Group", "system:unauthenticated")),
            KubernetesUser.ANONYMOUS),
        new Case(
            "header names are case-insensitive, extras lower-cased and unescaped",
            CONFIG,
            PROXY.chain(),
            List.of(
                header("x-remote-user", "pat"),
                header("X-Remote-Uid", "1234"),
                header("X-REMOTE-EXTRA-Scopes", "a"),
                header("X-Remote-Extra-Scopes", "b"),
                header("X-Remote-Extra-example.com%2fteam", "blue")),
            new KubernetesUser(
                "pat",
                "1234",
                List.of("system:authenticated"),
                Map.of("scopes", List.of("a", "b"), "example.com/team", List.of("blue")))),
        new Case(
            "any name is allowed when no names are listed",
            anyName,
            otherName.chain(),
            PAT,
            KubernetesUser.of("pat", List.of("devs", "system:authenticated"))),
        new Case(
            "the CA appended to the chain is tolerated",
            CONFIG,
            withRoot(PROXY),
            PAT,
            KubernetesUser.of("pat", List.of("devs", "system:authenticated"))),
        new Case(
            "no username header",
            CONFIG,
            PROXY.chain(),
            List.of(header("X-Remote-Group", "devs")),
            null),
        new Case(
            "empty username header",
            CONFIG,
            PROXY.chain(),
            List.of(header("X-Remote-User", "")),
            null),
        new Case("common name not allowed", CONFIG, otherName.chain(), PAT, null),
        new Case("certificate of another CA", CONFIG, clientCaUser.chain(), PAT, null),
        new Case("expired certificate", expiredConfig, expired.chain(), PAT, null),
        new Case(
            "serving certificate used as client certificate",
            CONFIG,
            serverOnly.chain(),
            PAT,
            null),
        new Case("certificate while no front proxy is known", null, PROXY.chain(), PAT, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void authenticate(Case testCase) {
    FrontProxyAuthenticator authenticator =
        new FrontProxyAuthenticator(() -> Optional.ofNullable(testCase.config()), CLOCK);

    Optional<KubernetesUser> caller =
        authenticator.authenticate(testCase.chain(), RequestHeaders.of(testCase.headers()));

    assertThat(caller).isEqualTo(Optional.ofNullable(testCase.want()));
  }

  private static Map.Entry<String, String> header(String name, String value) {
    return new SimpleEntry<>(name, value);
  }

  private static List<X509Certificate> withRoot(IssuedCertificate certificate) {
    List<X509Certificate> chain = new ArrayList<>(certificate.chain());
    chain.add(FRONT_PROXY_CA.certificate());
    return chain;
  }
}

package dev.pinnipedjava.concierge.impersonator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import dev.pinnipedjava.concierge.authenticator.AuthenticationResult;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorCache;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorKey;
import dev.pinnipedjava.concierge.authenticator.TokenAuthenticator;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.testkit.clock.MutableClock;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProxyAuthenticatorTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final CertificateAuthority TRUSTED =
      CertificateAuthority.create("trusted", Duration.ofDays(1), CLOCK, new SecureRandom());
  private static final CertificateAuthority STRANGER =
      CertificateAuthority.create("stranger", Duration.ofDays(1), CLOCK, new SecureRandom());
  private static final IssuedCertificate PAT =
      TRUSTED.issueClientCertificate("pat", List.of("devs", "ops"), Duration.ofMinutes(5));
  private static final IssuedCertificate FOREIGN =
      STRANGER.issueClientCertificate("pat", List.of(), Duration.ofMinutes(5));

  /** An authenticator that knows one token. */
  private record OneToken(String token, KubernetesUser user, List<String> seen)
      implements TokenAuthenticator {
    @Override
    public AuthenticationResult authenticate(String presented) {
      seen.add(presented);
      return presented.equals(token)
          ? new AuthenticationResult.Authenticated(user)
          : new AuthenticationResult.Rejected("unknown");
    }

    @Override
    public boolean claims(String presented) {
      return presented.startsWith("jwt-");
    }
  }

  record Case(
      String name,
      List<X509Certificate> chain,
      @Nullable String authorization,
      Function<ProxyCaller, Boolean> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "trusted certificate",
            PAT.chain(),
            null,
            caller ->
                caller.equals(
                    new ProxyCaller.Authenticated(
                        KubernetesUser.of("pat", List.of("devs", "ops", "system:authenticated"))))),
        new Case(
            "certificate of another CA",
            FOREIGN.chain(),
            null,
            caller -> caller instanceof ProxyCaller.Rejected),
        new Case(
            "certificate of another CA with a good token",
            FOREIGN.chain(),
            "Bearer jwt-good",
            caller ->
                caller instanceof ProxyCaller.Authenticated authenticated
                    && authenticated.user().name().equals("jay")),
        new Case(
            "bad token",
            List.of(),
            "Bearer nope",
            caller -> caller instanceof ProxyCaller.Rejected),
        new Case(
            "no credential", List.of(), null, caller -> caller instanceof ProxyCaller.Anonymous),
        new Case(
            "basic auth is no credential",
            List.of(),
            "Basic YTpi",
            caller -> caller instanceof ProxyCaller.Anonymous),
        new Case(
            "token accepted by the kube-apiserver",
            List.of(),
            "Bearer sa-token",
            caller ->
                caller instanceof ProxyCaller.Authenticated authenticated
                    && authenticated.user().name().equals("system:serviceaccount:ns:sa")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void authenticate(Case testCase) {
    ProxyCaller caller =
        authenticator(new ArrayList<>(), new ArrayList<>())
            .authenticate(testCase.chain(), testCase.authorization());

    assertThat(testCase.want().apply(caller)).as("%s", caller).isTrue();
  }

  @Test
  void aJwtClaimedByAJwtAuthenticatorIsShownToNoOtherAuthenticator() {
    List<String> jwtSeen = new ArrayList<>();
    List<String> kubeSeen = new ArrayList<>();

    ProxyCaller caller = authenticator(jwtSeen, kubeSeen).authenticate(List.of(), "Bearer jwt-bad");

    assertThat(caller).isInstanceOf(ProxyCaller.Rejected.class);
    assertThat(jwtSeen).containsExactly("jwt-bad");
    assertThat(kubeSeen).isEmpty();
  }

  @Test
  void anAcceptedTokenIsRememberedForTheCacheLifetime() {
    List<String> kubeSeen = new ArrayList<>();
    MutableClock clock = new MutableClock(NOW);
    ProxyAuthenticator authenticator =
        authenticator(new ArrayList<>(), kubeSeen, () -> List.of(TRUSTED.certificate()), clock);

    authenticator.authenticate(List.of(), "Bearer sa-token");
    clock.advance(BearerTokenAuthenticator.CACHE_TTL.minusMillis(1));
    ProxyCaller remembered = authenticator.authenticate(List.of(), "Bearer sa-token");
    assertThat(kubeSeen).containsExactly("sa-token");

    clock.advance(Duration.ofMillis(1));
    ProxyCaller reviewedAgain = authenticator.authenticate(List.of(), "Bearer sa-token");

    assertThat(kubeSeen).containsExactly("sa-token", "sa-token");
    assertThat(remembered).isEqualTo(reviewedAgain).isInstanceOf(ProxyCaller.Authenticated.class);
  }

  @Test
  void aTokenNotAcceptedIsNotRemembered() {
    List<String> jwtSeen = new ArrayList<>();
    List<String> kubeSeen = new ArrayList<>();
    ProxyAuthenticator authenticator = authenticator(jwtSeen, kubeSeen);

    authenticator.authenticate(List.of(), "Bearer nope");
    authenticator.authenticate(List.of(), "Bearer nope");
    authenticator.authenticate(List.of(), "Bearer jwt-bad");
    authenticator.authenticate(List.of(), "Bearer jwt-bad");

    assertThat(kubeSeen).containsExactly("nope", "nope");
    assertThat(jwtSeen).containsExactly("nope", "nope", "jwt-bad", "jwt-bad");
  }

  @Test
  void aRememberedCertificateStopsAuthenticatingWhenItsCaIsNoLongerTrusted() {
    AtomicReference<List<X509Certificate>> trusted =
        new AtomicReference<>(List.of(TRUSTED.certificate()));
    ProxyAuthenticator authenticator =
        authenticator(new ArrayList<>(), new ArrayList<>(), trusted::get, CLOCK);
    assertThat(authenticator.authenticate(PAT.chain(), null))
        .isInstanceOf(ProxyCaller.Authenticated.class);

    trusted.set(List.of(STRANGER.certificate()));

    assertThat(authenticator.authenticate(PAT.chain(), null))
        .isInstanceOf(ProxyCaller.Rejected.class);
  }

  @Test
  void aRememberedCertificateStopsAuthenticatingWhenItExpires() {
    MutableClock clock = new MutableClock(NOW);
    ProxyAuthenticator authenticator =
        authenticator(
            new ArrayList<>(), new ArrayList<>(), () -> List.of(TRUSTED.certificate()), clock);
    assertThat(authenticator.authenticate(PAT.chain(), null))
        .isInstanceOf(ProxyCaller.Authenticated.class);

    clock.advance(Duration.ofMinutes(6));

    assertThat(authenticator.authenticate(PAT.chain(), null))
        .isInstanceOf(ProxyCaller.Rejected.class);
  }

  private static ProxyAuthenticator authenticator(List<String> jwtSeen, List<String> kubeSeen) {
    return authenticator(jwtSeen, kubeSeen, () -> List.of(TRUSTED.certificate()), CLOCK);
  }

  private static ProxyAuthenticator authenticator(
      List<String> jwtSeen,
      List<String> kubeSeen,
      Supplier<List<X509Certificate>> trustedCas,
      Clock clock) {
    AuthenticatorCache cache = new AuthenticatorCache();
    cache.put(
        new AuthenticatorKey("authentication.concierge.pinniped.dev", "JWTAuthenticator", "jwt"),
        new OneToken("jwt-good", KubernetesUser.of("jay", List.of()), jwtSeen));
    TokenReviewer kubeApiserver =
        token -> {
          kubeSeen.add(token);
          return token.equals("sa-token")
              ? Optional.of(
                  new KubernetesUser(
                      "system:serviceaccount:ns:sa", "uid", List.of(), java.util.Map.of()))
              : Optional.empty();
        };
    return new ProxyAuthenticator(
        trustedCas, new BearerTokenAuthenticator(cache, kubeApiserver, clock), clock);
  }
}

package dev.pinnipedjava.concierge.authenticator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import dev.pinnipedjava.concierge.authenticator.AuthenticationResult;
import dev.pinnipedjava.concierge.authenticator.CaBundle;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.testkit.tokenreview.TestTokenReviewWebhook;
import dev.pinnipedjava.testkit.tokenreview.TestTokenReviewWebhook.Answer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The TokenReview client against a real HTTPS webhook on loopback. */
class WebhookTokenAuthenticatorTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final List<Duration> RETRIES = List.of(Duration.ofMillis(1), Duration.ofMillis(2));

  private static TestTokenReviewWebhook webhook;

  @BeforeAll
  static void startWebhook() {
    webhook = TestTokenReviewWebhook.start(token -> Answer.unauthenticated("unknown token"));
  }

  @AfterAll
  static void stopWebhook() {
    webhook.close();
  }

  /**
   * What the webhook answers, whether the client trusts the webhook's CA, and the expected result.
   *
   * @param wantAttempts how many reviews the webhook receives
   */
  record Case(
      String name,
      Answer answer,
      boolean trustWebhookCa,
      AuthenticationResult want,
      int wantAttempts) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "authenticated by a v1beta1 review",
            Answer.authenticated("pat", List.of("devs", "ops")),
            true,
            new AuthenticationResult.Authenticated(
                KubernetesUser.of("pat", List.of("devs", "ops"))),
            1),
        new Case(
            "authenticated by a v1 review with a UID and extras",
            Answer.authenticated(
                "authentication.k8s.io/v1",
                "pat",
                "uid-1",
                List.of("devs"),
                Map.of("authentication.kubernetes.io/credential-id", List.of("X509SHA256=ab"))),
            true,
            new AuthenticationResult.Authenticated(
                new KubernetesUser(
                    "pat",
                    "uid-1",
                    List.of("devs"),
                    Map.of(
                        "authentication.kubernetes.io/credential-id", List.of("X509SHA256=ab")))),
            1),
        new Case(
            "unauthenticated",
            Answer.unauthenticated("bad password"),
            true,
            new AuthenticationResult.Rejected("webhook: bad password"),
            1),
        new Case(
            "unauthenticated without a reason",
            Answer.status(
                200,
                "{\"apiVersion\":\"authentication.k8s.io/v1beta1\",\"kind\":\"TokenReview\","
                    + "\"status\":{\"authenticated\":false}}"),
            true,
            new AuthenticationResult.Rejected("the webhook did not authenticate the token"),
            1),
        new Case(
            "a reserved username",
            Answer.authenticated("system:admin", List.of()),
            true,
            new AuthenticationResult.Rejected("username starts with the reserved prefix system:"),
            1),
        new Case(
            "a reserved group",
            Answer.authenticated("pat", List.of("system:masters")),
            true,
            new AuthenticationResult.Rejected("a group starts with the reserved prefix system:"),
            1),
        new Case(
            "webhook error is retried, then fails",
            Answer.status(500, "boom"),
            true,
            new AuthenticationResult.Failed("the webhook answered HTTP 500 (after 3 attempts)"),
            3),
        new Case(
            "webhook refusal is not retried",
            Answer.status(403, "forbidden"),
            true,
            new AuthenticationResult.Failed("the webhook answered HTTP 403"),
            1),
        new Case(
            "answer that is not a TokenReview",
            Answer.status(200, "{\"apiVersion\":\"v1\",\"kind\":\"Status\"}"),
            true,
            new AuthenticationResult.Failed(
                "the webhook's answer is not an authentication.k8s.io TokenReview"),
            1),
        new Case(
            "answer that is not JSON",
            Answer.status(200, "<html>"),
            true,
            new AuthenticationResult.Failed("the webhook's answer is not JSON"),
            1),
        new Case(
            "timeout",
            Answer.noAnswer(),
            true,
            new AuthenticationResult.Failed("the webhook did not answer within 1s"),
            1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void authenticate(Case testCase) {
    webhook.answer(token -> testCase.answer());
    int before = webhook.reviews().size();

    AuthenticationResult result = authenticator(trusting(webhook.ca())).authenticate("a-token");

    assertThat(result).isEqualTo(testCase.want());
    assertThat(webhook.reviews().size() - before).isEqualTo(testCase.wantAttempts());
  }

  @Test
  void retriesWaitWithTheBackoffBetweenAttempts() {
    webhook.answer(token -> Answer.status(500, "boom"));
    List<Duration> slept = new ArrayList<>();

    authenticator(trusting(webhook.ca()), slept).authenticate("a-token");

    assertThat(slept).isEqualTo(RETRIES);
  }

  @Test
  void badCaFailsWithoutReachingTheWebhook() {
    int before = webhook.reviews().size();
    CertificateAuthority other =
        CertificateAuthority.create(
            "other", Duration.ofDays(1), Clock.systemUTC(), new SecureRandom());

    AuthenticationResult result = authenticator(trusting(other)).authenticate("a-token");

    assertThat(result).isInstanceOf(AuthenticationResult.Failed.class);
    assertThat(((AuthenticationResult.Failed) result).reason())
        .startsWith("cannot call the webhook");
    assertThat(webhook.reviews()).hasSize(before);
  }

  @Test
  void sendsAV1beta1TokenReviewOfTheToken() {
    webhook.answer(token -> Answer.authenticated("pat", List.of()));
    int before = webhook.reviews().size();

    authenticator(trusting(webhook.ca())).authenticate("the-token-value");

    JsonNode review = webhook.reviews().get(before);
    assertThat(review.path("apiVersion").asText()).isEqualTo("authentication.k8s.io/v1beta1");
    assertThat(review.path("kind").asText()).isEqualTo("TokenReview");
    assertThat(review.path("spec").path("token").asText()).isEqualTo("the-token-value");
  }

  private static WebhookTokenAuthenticator authenticator(CaBundle trusted) {
    return authenticator(trusted, new ArrayList<>());
  }

  private static WebhookTokenAuthenticator authenticator(CaBundle trusted, List<Duration> slept) {
    return new WebhookTokenAuthenticator(
        new WebhookAuthenticatorSettings(URI.create(webhook.endpoint()), trusted),
        TIMEOUT,
        RETRIES,
        slept::add);
  }

  private static CaBundle trusting(CertificateAuthority ca) {
    return CaBundle.fromPem(ca.certificatePem().getBytes(StandardCharsets.UTF_8));
  }
}

package dev.pinnipedjava.concierge.authenticator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.api.concierge.authentication.v1alpha1.TLSSpec;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.WebhookAuthenticatorSpec;
import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorValidation;
import dev.pinnipedjava.concierge.authenticator.CaBundleSources;
import dev.pinnipedjava.concierge.authenticator.StatusConditions.Computed;
import dev.pinnipedjava.controller.InMemoryResourceCache;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.testkit.tokenreview.TestTokenReviewWebhook;
import dev.pinnipedjava.testkit.tokenreview.TestTokenReviewWebhook.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each validation step of a WebhookAuthenticator spec, against a real webhook on loopback. */
class WebhookAuthenticatorValidatorTest {
  /** Reading CA bundles from Secrets and ConfigMaps is covered by TlsConfigurationTest. */
  private static final CaBundleSources NO_CA_SOURCES =
      new CaBundleSources(
          "concierge", InMemoryResourceCache.create(), InMemoryResourceCache.create());

  private static TestTokenReviewWebhook webhook;
  private static int closedPort;

  @BeforeAll
  static void startWebhook() throws IOException {
    webhook = TestTokenReviewWebhook.start(token -> Answer.authenticated("pat", List.of()));
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
  }

  @AfterAll
  static void stopWebhook() {
    webhook.close();
  }

  /**
   * A spec and the status of each condition it must get, in condition order.
   *
   * @param wantReasons the reason of each False condition
   */
  record Case(
      String name,
      Function<TestTokenReviewWebhook, WebhookAuthenticatorSpec> spec,
      Map<String, ConditionStatus> wantStatuses,
      Map<String, String> wantReasons,
      boolean wantAuthenticator,
      boolean wantRetry) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String otherCa =
        base64(
            CertificateAuthority.create(
                    "other", Duration.ofDays(1), Clock.systemUTC(), new SecureRandom())
                .certificatePem());
    return Stream.of(
        new Case(
            "valid",
            w -> new WebhookAuthenticatorSpec(w.endpoint(), new TLSSpec(w.caBundleBase64(), null)),
            statuses(
                ConditionStatus.TRUE,
                ConditionStatus.TRUE,
                ConditionStatus.TRUE,
                ConditionStatus.TRUE),
            Map.of(),
            true,
            false),
        new Case(
            "http scheme",
            w -> new WebhookAuthenticatorSpec("http://127.0.0.1/authenticate", null),
            statuses(
                ConditionStatus.TRUE,
                ConditionStatus.FALSE,
                ConditionStatus.UNKNOWN,
                ConditionStatus.UNKNOWN),
            Map.of("EndpointURLValid", "InvalidEndpointURLScheme"),
            false,
            false),
        new Case(
            "unparsable URL",
            w -> new WebhookAuthenticatorSpec("https://[bad", null),
            statuses(
                ConditionStatus.TRUE,
                ConditionStatus.FALSE,
                ConditionStatus.UNKNOWN,
                ConditionStatus.UNKNOWN),
            Map.of("EndpointURLValid", "InvalidEndpointURL"),
            false,
            false),
        new Case(
            "CA data that is not PEM",
            w -> new WebhookAuthenticatorSpec(w.endpoint(), new TLSSpec(base64("junk"), null)),
            statuses(
                ConditionStatus.FALSE,
                ConditionStatus.TRUE,
                ConditionStatus.UNKNOWN,
                ConditionStatus.UNKNOWN),
            Map.of("TLSConfigurationValid", "InvalidTLSConfig"),
            false,
            false),
        new Case(
            "nothing listening",
            w ->
                new WebhookAuthenticatorSpec(
                    "https://127.0.0.1:" + closedPort + "/authenticate",
                    new TLSSpec(w.caBundleBase64(), null)),
            statuses(
                ConditionStatus.TRUE,
                ConditionStatus.TRUE,
                ConditionStatus.FALSE,
                ConditionStatus.UNKNOWN),
            Map.of("WebhookConnectionValid", "UnableToDialServer"),
            false,
            true),
        new Case(
            "webhook certificate from another CA",
            w -> new WebhookAuthenticatorSpec(w.endpoint(), new TLSSpec(otherCa, null)),
            statuses(
                ConditionStatus.TRUE,
                ConditionStatus.TRUE,
                ConditionStatus.FALSE,
                ConditionStatus.UNKNOWN),
            Map.of("WebhookConnectionValid", "UnableToDialServer"),
            false,
            true),
        new Case(
            "name not in the webhook certificate",
            w ->
                new WebhookAuthenticatorSpec(
                    "https://127.0.0.2:" + w.port() + "/authenticate",
                    new TLSSpec(w.caBundleBase64(), null)),
            statuses(
                ConditionStatus.TRUE,
                ConditionStatus.TRUE,
                ConditionStatus.FALSE,
                ConditionStatus.UNKNOWN),
            Map.of("WebhookConnectionValid", "UnableToDialServer"),
            false,
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validate(Case testCase) {
    AuthenticatorValidation<WebhookTokenAuthenticator> validation =
        new WebhookAuthenticatorValidator(WebhookTokenAuthenticator::create, NO_CA_SOURCES)
            .validate(testCase.spec().apply(webhook), null);

    Map<String, ConditionStatus> statuses = new LinkedHashMap<>();
    Map<String, String> reasons = new LinkedHashMap<>();
    for (Computed condition : validation.conditions()) {
      statuses.put(condition.type(), condition.status());
      if (condition.status() == ConditionStatus.FALSE) {
        reasons.put(condition.type(), condition.reason());
      }
    }
    assertThat(statuses).containsExactlyEntriesOf(testCase.wantStatuses());
    assertThat(reasons).isEqualTo(testCase.wantReasons());
    assertThat(validation.authenticator() != null).isEqualTo(testCase.wantAuthenticator());
    assertThat(validation.retry()).isEqualTo(testCase.wantRetry());
  }

  @Test
  void anUnchangedSpecKeepsTheCachedAuthenticatorWithoutDialling() {
    WebhookAuthenticatorValidator validator =
        new WebhookAuthenticatorValidator(WebhookTokenAuthenticator::create, NO_CA_SOURCES);
    WebhookAuthenticatorSpec spec =
        new WebhookAuthenticatorSpec(
            webhook.endpoint(), new TLSSpec(webhook.caBundleBase64(), null));
    WebhookTokenAuthenticator cached = validator.validate(spec, null).authenticator();
    assertThat(cached).isNotNull();

    webhook.close();
    AuthenticatorValidation<WebhookTokenAuthenticator> again = validator.validate(spec, cached);

    assertThat(again.authenticator()).isSameAs(cached);
    assertThat(again.conditions()).allMatch(c -> c.status() == ConditionStatus.TRUE);
    webhook = TestTokenReviewWebhook.start(token -> Answer.authenticated("pat", List.of()));
  }

  private static Map<String, ConditionStatus> statuses(
      ConditionStatus tls,
      ConditionStatus endpoint,
      ConditionStatus connection,
      ConditionStatus authenticator) {
    Map<String, ConditionStatus> statuses = new LinkedHashMap<>();
    statuses.put("TLSConfigurationValid", tls);
    statuses.put("EndpointURLValid", endpoint);
    statuses.put("WebhookConnectionValid", connection);
    statuses.put("AuthenticatorValid", authenticator);
    return statuses;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}

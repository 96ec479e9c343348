package dev.pinnipedjava.concierge.authenticator.webhook;

import static dev.pinnipedjava.concierge.authenticator.AuthenticatorConditions.AUTHENTICATOR_VALID;
import static dev.pinnipedjava.concierge.authenticator.AuthenticatorConditions.MESSAGE_UNABLE_TO_VALIDATE;
import static dev.pinnipedjava.concierge.authenticator.AuthenticatorConditions.REASON_SUCCESS;
import static dev.pinnipedjava.concierge.authenticator.AuthenticatorConditions.REASON_UNABLE_TO_VALIDATE;
import static dev.pinnipedjava.concierge.authenticator.webhook.WebhookAuthenticatorConditions.ENDPOINT_URL_VALID;
import static dev.pinnipedjava.concierge.authenticator.webhook.WebhookAuthenticatorConditions.REASON_INVALID_ENDPOINT_URL;
import static dev.pinnipedjava.concierge.authenticator.webhook.WebhookAuthenticatorConditions.REASON_INVALID_ENDPOINT_URL_SCHEME;
import static dev.pinnipedjava.concierge.authenticator.webhook.WebhookAuthenticatorConditions.REASON_UNABLE_TO_DIAL_SERVER;
import static dev.pinnipedjava.concierge.authenticator.webhook.WebhookAuthenticatorConditions.WEBHOOK_CONNECTION_VALID;

import dev.pinnipedjava.aggregatedapi.tls.TlsProfile;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.WebhookAuthenticatorSpec;
import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorValidation;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorValidator;
import dev.pinnipedjava.concierge.authenticator.CaBundle;
import dev.pinnipedjava.concierge.authenticator.CaBundleSources;
import dev.pinnipedjava.concierge.authenticator.StatusConditions.Computed;
import dev.pinnipedjava.concierge.authenticator.TlsConfiguration;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * Checks a WebhookAuthenticator spec as Pinniped does: TLS configuration, endpoint URL, a TLS dial
 * of the endpoint, then builds the authenticator. Each step gives one status condition; a step
 * whose prerequisite failed is Unknown. A spec equal to the cached authenticator's is not dialled
 * again: a network blip must not withdraw a working authenticator.
 */
final class WebhookAuthenticatorValidator
    implements AuthenticatorValidator<WebhookAuthenticatorSpec, WebhookTokenAuthenticator> {
  private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(30);

  private final Function<WebhookAuthenticatorSettings, WebhookTokenAuthenticator> factory;
  private final CaBundleSources caBundleSources;

  /**
   * @param factory builds the token authenticator of validated settings
   * @param caBundleSources where {@code spec.tls.certificateAuthorityDataSource} is read
   */
  WebhookAuthenticatorValidator(
      Function<WebhookAuthenticatorSettings, WebhookTokenAuthenticator> factory,
      CaBundleSources caBundleSources) {
    this.factory = factory;
    this.caBundleSources = caBundleSources;
  }

  @Override
  public AuthenticatorValidation<WebhookTokenAuthenticator> validate(
      @Nullable WebhookAuthenticatorSpec spec, @Nullable WebhookTokenAuthenticator cached) {
    List<Computed> conditions = new ArrayList<>();
    TlsConfiguration tls =
        TlsConfiguration.check(spec == null ? null : spec.tls(), caBundleSources);
    conditions.add(tls.condition());
    URI endpoint = endpoint(spec == null ? "" : spec.endpoint(), conditions);
    if (!tls.ok() || endpoint == null) {
      return remaining(conditions, false, WEBHOOK_CONNECTION_VALID, AUTHENTICATOR_VALID);
    }
    WebhookAuthenticatorSettings settings =
        new WebhookAuthenticatorSettings(endpoint, tls.bundle());
    if (cached != null && cached.settings().sameAs(settings)) {
      conditions.add(success(WEBHOOK_CONNECTION_VALID, "successfully dialed webhook server"));
      conditions.add(success(AUTHENTICATOR_VALID, "authenticator initialized"));
      return new AuthenticatorValidation<>(conditions, cached, false);
    }
    String dialProblem = dial(settings);
    if (dialProblem != null) {
      conditions.add(
          new Computed(
              WEBHOOK_CONNECTION_VALID,
              ConditionStatus.FALSE,
              REASON_UNABLE_TO_DIAL_SERVER,
              "cannot dial server: " + dialProblem));
      // The webhook may come up later.
      return remaining(conditions, true, AUTHENTICATOR_VALID);
    }
    conditions.add(success(WEBHOOK_CONNECTION_VALID, "successfully dialed webhook server"));
    WebhookTokenAuthenticator authenticator = factory.apply(settings);
    conditions.add(success(AUTHENTICATOR_VALID, "authenticator initialized"));
    return new AuthenticatorValidation<>(conditions, authenticator, false);
  }

  private static @Nullable URI endpoint(String endpoint, List<Computed> conditions) {
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      conditions.add(
          failure(
              ENDPOINT_URL_VALID,
              REASON_INVALID_ENDPOINT_URL,
              "spec.endpoint URL cannot be parsed: " + e.getMessage()));
      return null;
    }
    if (!"https".equals(uri.getScheme())) {
      conditions.add(
          failure(
              ENDPOINT_URL_VALID,
              REASON_INVALID_ENDPOINT_URL_SCHEME,
              "spec.endpoint URL " + endpoint + " has invalid scheme, require 'https'"));
      return null;
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      conditions.add(
          failure(
              ENDPOINT_URL_VALID,
              REASON_INVALID_ENDPOINT_URL,
              "spec.endpoint URL is not valid: no host name or address"));
      return null;
    }
    conditions.add(success(ENDPOINT_URL_VALID, "spec.endpoint is a valid URL"));
    return uri;
  }

  /** Connects and completes a TLS handshake; why it failed, or null when it worked. */
  private static @Nullable String dial(WebhookAuthenticatorSettings settings) {
    String host = settings.endpoint().getHost();
    // URI keeps the brackets of an IPv6 literal; sockets want the bare address.
    String address = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    try (SSLSocket socket =
        (SSLSocket) sslContext(settings.caBundle()).getSocketFactory().createSocket()) {
      socket.connect(
          new InetSocketAddress(address, settings.port()), (int) DIAL_TIMEOUT.toMillis());
      socket.setSoTimeout((int) DIAL_TIMEOUT.toMillis());
      socket.setSSLParameters(TlsProfile.DEFAULT.clientParameters());
      socket.startHandshake();
      return null;
    } catch (IOException | IllegalArgumentException e) {
      String message = e.getMessage();
      return message == null ? e.getClass().getSimpleName() : message;
    }
  }

  private static SSLContext sslContext(@Nullable CaBundle caBundle) {
    if (caBundle != null) {
      return caBundle.sslContext();
    }
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
  }

  private static AuthenticatorValidation<WebhookTokenAuthenticator> remaining(
      List<Computed> conditions, boolean retry, String... types) {
    for (String type : types) {
      conditions.add(
          new Computed(
              type,
              ConditionStatus.UNKNOWN,
              REASON_UNABLE_TO_VALIDATE,
              MESSAGE_UNABLE_TO_VALIDATE));
    }
    return new AuthenticatorValidation<>(conditions, null, retry);
  }

  private static Computed success(String type, String message) {
    return new Computed(type, ConditionStatus.TRUE, REASON_SUCCESS, message);
  }

  private static Computed failure(String type, String reason, String message) {
    return new Computed(type, ConditionStatus.FALSE, reason, message);
  }
}

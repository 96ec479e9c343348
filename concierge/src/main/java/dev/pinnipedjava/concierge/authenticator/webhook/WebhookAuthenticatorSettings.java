package dev.pinnipedjava.concierge.authenticator.webhook;

import dev.pinnipedjava.concierge.authenticator.CaBundle;
import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A WebhookAuthenticator's validated spec.
 *
 * @param endpoint the https URL TokenReviews are POSTed to
 * @param caBundle CAs to trust when calling it; null trusts the JDK's roots
 */
public record WebhookAuthenticatorSettings(URI endpoint, @Nullable CaBundle caBundle) {
  /** The port to dial: the URL's, else 443. */
  public int port() {
    return endpoint.getPort() < 0 ? 443 : endpoint.getPort();
  }

  /**
   * Whether an authenticator built for {@code other} would behave exactly like one built for these
   * settings, so that the endpoint need not be probed again.
   */
  public boolean sameAs(WebhookAuthenticatorSettings other) {
    return endpoint.equals(other.endpoint)
        && Objects.equals(
            caBundle == null ? null : caBundle.sha256(),
            other.caBundle == null ? null : other.caBundle.sha256());
  }
}

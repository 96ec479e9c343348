package dev.pinnipedjava.concierge.authenticator.webhook;

import dev.pinnipedjava.api.concierge.authentication.v1alpha1.WebhookAuthenticator;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.WebhookAuthenticatorSpec;
import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorCache;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorController;
import dev.pinnipedjava.concierge.authenticator.CaBundleSources;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/**
 * Watches WebhookAuthenticators: validates each one (TLS, endpoint URL, a dial of the endpoint),
 * writes its status and publishes its TokenReview client to the {@link AuthenticatorCache} while it
 * is ready.
 */
public final class WebhookAuthenticatorController implements AutoCloseable {
  public static final String KIND = "WebhookAuthenticator";

  static final AuthenticatorController.Kind<WebhookAuthenticatorSpec, WebhookTokenAuthenticator>
      WEBHOOK_AUTHENTICATORS =
          new AuthenticatorController.Kind<>(
              KIND,
              "webhookauthenticators",
              WebhookAuthenticator.class,
              WebhookTokenAuthenticator.class,
              WebhookAuthenticatorSpec::tls);

  private final AuthenticatorController<WebhookAuthenticatorSpec, WebhookTokenAuthenticator>
      controller;

  /**
   * @param caBundleSources where {@code spec.tls.certificateAuthorityDataSource} is read; a change
   *     there validates the authenticators that read it again
   */
  public WebhookAuthenticatorController(
      KubernetesClient client,
      ApiGroupSuffix suffix,
      AuthenticatorCache cache,
      CaBundleSources caBundleSources,
      Clock clock) {
    this.controller =
        new AuthenticatorController<>(
            client,
            suffix,
            WEBHOOK_AUTHENTICATORS,
            cache,
            new WebhookAuthenticatorValidator(WebhookTokenAuthenticator::create, caBundleSources),
            caBundleSources,
            clock);
  }

  /** Validates every authenticator again and writes its status. */
  public void resyncAll() {
    controller.resyncAll();
  }

  /** Starts watching; authenticators become usable as they are validated. */
  public void start() {
    controller.start();
  }

  /** Whether the first list of WebhookAuthenticators has been received. */
  public boolean hasSynced() {
    return controller.hasSynced();
  }

  @Override
  public void close() {
    controller.close();
  }
}

package dev.pinnipedjava.concierge.authenticator.jwt;

import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTAuthenticator;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTAuthenticatorSpec;
import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorCache;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorController;
import dev.pinnipedjava.concierge.authenticator.CaBundleSources;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/**
 * Watches JWTAuthenticators: validates each one (TLS, issuer URL, discovery, JWKS), writes its
 * status and publishes its token verifier to the {@link AuthenticatorCache} while it is ready.
 */
public final class JwtAuthenticatorController implements AutoCloseable {
  public static final String KIND = "JWTAuthenticator";

  static final AuthenticatorController.Kind<JWTAuthenticatorSpec, JwtTokenAuthenticator>
      JWT_AUTHENTICATORS =
          new AuthenticatorController.Kind<>(
              KIND,
              "jwtauthenticators",
              JWTAuthenticator.class,
              JwtTokenAuthenticator.class,
              JWTAuthenticatorSpec::tls);

  private final AuthenticatorController<JWTAuthenticatorSpec, JwtTokenAuthenticator> controller;

  /**
   * @param caBundleSources where {@code spec.tls.certificateAuthorityDataSource} is read; a change
   *     there validates the authenticators that read it again
   */
  public JwtAuthenticatorController(
      KubernetesClient client,
      ApiGroupSuffix suffix,
      AuthenticatorCache cache,
      CaBundleSources caBundleSources,
      Clock clock) {
    this.controller =
        new AuthenticatorController<>(
            client,
            suffix,
            JWT_AUTHENTICATORS,
            cache,
            new JwtAuthenticatorValidator(clock, caBundleSources),
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

  /** Whether the first list of JWTAuthenticators has been received. */
  public boolean hasSynced() {
    return controller.hasSynced();
  }

  @Override
  public void close() {
    controller.close();
  }
}

package dev.pinnipedjava.supervisor.upstream;

import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.supervisor.session.UpstreamSessionData;
import java.net.URI;
import java.util.List;

/**
 * An upstream identity provider, validated by its controller, as the Supervisor's endpoints use it:
 * the same operations for every kind, so that no endpoint ever asks which kind it has. Immutable
 * and thread-safe: a configuration change publishes a new instance.
 *
 * <p>Operations that ask the provider throw {@link UpstreamException} when it cannot be asked
 * (network, invalid response); a refusal of the user is a result value, never an exception.
 */
public interface UpstreamIdentityProvider {
  /** The resource this provider was configured by. */
  UpstreamRef ref();

  /** The login flows it offers, in the order identity provider discovery lists them. */
  List<IDPFlow> flows();

  /** Whether it offers {@code flow}. */
  default boolean offers(IDPFlow flow) {
    return flows().contains(flow);
  }

  /**
   * Where to send the browser to log in (the browser flow).
   *
   * @throws UnsupportedOperationException when it does not offer {@link IDPFlow#BROWSER_AUTHCODE}
   */
  URI authorizeRedirect(UpstreamAuthorizeRequest request);

  /**
   * Completes a browser login with what the provider sent to {@code /callback}.
   *
   * @param displayName the provider's name in the FederationDomain, part of the downstream subject
   */
  LoginResult loginFromCallback(UpstreamCallback callback, String displayName);

  /**
   * Logs in with a username and password (the CLI password flow).
   *
   * @param displayName the provider's name in the FederationDomain, part of the downstream subject
   * @throws UnsupportedOperationException when it does not offer {@link IDPFlow#CLI_PASSWORD}
   */
  LoginResult loginWithPassword(String username, Password password, String displayName);

  /**
   * Revalidates a login, as every downstream refresh must.
   *
   * @param previous the identity the login established (or last refreshed to)
   * @param session the provider's data of that login
   */
  RefreshResult refresh(UpstreamIdentity previous, UpstreamSessionData session);

  /**
   * Revokes the upstream tokens a login holds, once its session ended (the garbage collector calls
   * it). Providers whose logins hold no revocable token keep this default.
   */
  default RevocationResult revokeTokens(UpstreamSessionData session) {
    return RevocationResult.nothingToRevoke();
  }
}

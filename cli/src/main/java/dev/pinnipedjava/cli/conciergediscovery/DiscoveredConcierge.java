package dev.pinnipedjava.cli.conciergediscovery;

import java.util.Optional;

/**
 * How a kubeconfig should reach the Concierge and which authenticator it names.
 *
 * @param endpoint the server kubectl talks to (the API server, or the impersonation proxy)
 * @param caBundlePem the CA bundle that server is trusted with
 * @param authenticatorType "jwt" or "webhook", as the login flags take it
 * @param jwt what the JWTAuthenticator says about the OIDC issuer, when it is one
 */
public record DiscoveredConcierge(
    ConciergeMode mode,
    String endpoint,
    String caBundlePem,
    String authenticatorType,
    String authenticatorName,
    Optional<JwtIssuer> jwt) {

  /**
   * The OIDC side of a JWTAuthenticator.
   *
   * @param caBundlePem the issuer's CA bundle, "" when the authenticator names none (or when it was
   *     not wanted)
   */
  public record JwtIssuer(String issuer, String audience, String caBundlePem) {}
}

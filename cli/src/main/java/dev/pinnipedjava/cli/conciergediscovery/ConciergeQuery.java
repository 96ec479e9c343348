package dev.pinnipedjava.cli.conciergediscovery;

import java.util.Optional;

/**
 * What the user already decided about the Concierge; every empty value is discovered.
 *
 * @param credentialIssuer the CredentialIssuer to read, or "" for the only one
 * @param authenticatorType "jwt", "webhook" (any case) or ""
 * @param authenticatorName the authenticator's name or ""
 * @param mode the frontend to use, or empty for the first working one
 * @param endpoint the Concierge endpoint, or "" for the frontend's
 * @param caBundlePem the Concierge's CA bundle, or "" for the frontend's
 * @param skipWait whether to go ahead while strategies are still pending
 * @param oidcCaBundleWanted whether a JWTAuthenticator's CA bundle should be found out
 */
public record ConciergeQuery(
    String credentialIssuer,
    String authenticatorType,
    String authenticatorName,
    Optional<ConciergeMode> mode,
    String endpoint,
    String caBundlePem,
    boolean skipWait,
    boolean oidcCaBundleWanted) {}

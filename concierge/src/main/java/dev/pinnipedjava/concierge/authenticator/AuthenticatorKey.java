package dev.pinnipedjava.concierge.authenticator;

/**
 * Names one authenticator as a TokenCredentialRequest's {@code spec.authenticator} does.
 *
 * @param apiGroup for example {@code authentication.concierge.pinniped.dev}
 * @param kind {@code JWTAuthenticator} or {@code WebhookAuthenticator}
 * @param name the authenticator object's name
 */
public record AuthenticatorKey(String apiGroup, String kind, String name) {}

package dev.pinnipedjava.concierge.authenticator.webhook;

/**
 * The status vocabulary of WebhookAuthenticator beyond {@code AuthenticatorConditions}, as
 * Pinniped's webhookcachefiller writes it.
 */
final class WebhookAuthenticatorConditions {
  private WebhookAuthenticatorConditions() {}

  static final String ENDPOINT_URL_VALID = "EndpointURLValid";
  static final String WEBHOOK_CONNECTION_VALID = "WebhookConnectionValid";

  static final String REASON_INVALID_ENDPOINT_URL = "InvalidEndpointURL";
  static final String REASON_INVALID_ENDPOINT_URL_SCHEME = "InvalidEndpointURLScheme";
  static final String REASON_UNABLE_TO_DIAL_SERVER = "UnableToDialServer";
}

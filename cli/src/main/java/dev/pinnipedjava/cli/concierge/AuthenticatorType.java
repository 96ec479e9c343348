package dev.pinnipedjava.cli.concierge;

import java.util.Locale;

/** The kinds of Concierge authenticator a TokenCredentialRequest can name. */
public enum AuthenticatorType {
  WEBHOOK("WebhookAuthenticator"),
  JWT("JWTAuthenticator");

  private final String kind;

  AuthenticatorType(String kind) {
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }

  /**
   * Reads {@code webhook} or {@code jwt}, in any case.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static AuthenticatorType parse(String flagValue) {
    return switch (flagValue.toLowerCase(Locale.ROOT)) {
      case "webhook" -> WEBHOOK;
      case "jwt" -> JWT;
      default ->
          throw new IllegalArgumentException(
              "invalid authenticator type: \"%s\", supported values are \"webhook\" and \"jwt\""
                  .formatted(flagValue));
    };
  }
}

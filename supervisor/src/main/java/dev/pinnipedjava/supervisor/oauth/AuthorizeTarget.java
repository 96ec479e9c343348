package dev.pinnipedjava.supervisor.oauth;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Where an authorization response goes: the client's validated redirect URI, with the client's
 * state, in the response mode it asked for, from this issuer (RFC 9207's {@code iss}).
 */
public record AuthorizeTarget(
    URI redirectUri, @Nullable String state, ResponseMode responseMode, String issuer) {
  /** How the response reaches the client (OAuth 2.0 Multiple Response Type Encoding Practices). */
  public enum ResponseMode {
    QUERY,
    /** OAuth 2.0 Form Post Response Mode: a page that posts the response. */
    FORM_POST
  }

  @Override
  public String toString() {
    return "AuthorizeTarget[" + redirectUri + ", " + responseMode + "]";
  }
}

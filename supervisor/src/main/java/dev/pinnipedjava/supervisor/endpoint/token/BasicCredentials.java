package dev.pinnipedjava.supervisor.endpoint.token;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Client credentials from an {@code Authorization: Basic} header (RFC 6749 section 2.3.1: client ID
 * and secret each form-encoded, then joined by a colon and base64-encoded).
 */
record BasicCredentials(String clientId, String clientSecret) {
  private static final String SCHEME = "basic ";

  /** The credentials; empty when the header is not a well-formed Basic header. */
  static Optional<BasicCredentials> parse(String authorization) {
    if (!authorization.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new BasicCredentials(
              URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
              URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "BasicCredentials[clientId=" + clientId + ", clientSecret=redacted]";
  }
}

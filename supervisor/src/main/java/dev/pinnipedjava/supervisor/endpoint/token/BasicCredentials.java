package dev.pinnipedjava.supervisor.endpoint.token;

import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Client credentials from an HTTP Basic {@code Authorization} header (RFC 6749 section 2.3.1: the
 * client ID and secret are form-encoded, then joined by a colon and base64-encoded).
 *
 * @param clientId the client ID
 * @param secret the client secret; never logged
 */
record BasicCredentials(String clientId, String secret) {
  private static final String SCHEME = "basic ";

  /** The credentials in the header value, or empty when it is not well-formed Basic. */
  static Optional<BasicCredentials> parse(String authorization) {
    if (authorization.length() <= SCHEME.length()
        || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      return Optional.empty();
    }
    String decoded;
    try {
      byte[] bytes = Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim());
      decoded =
          StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
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
    return "BasicCredentials[clientId=" + clientId + ", secret=<redacted>]";
  }
}

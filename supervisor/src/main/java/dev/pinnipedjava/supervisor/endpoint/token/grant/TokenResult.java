package dev.pinnipedjava.supervisor.endpoint.token.grant;

import java.util.List;
import java.util.Map;

/**
 * A successful token response: its JSON members (RFC 6749 section 5.1 or RFC 8693 section 2.2.1)
 * and warnings for the user, sent as {@code Warning} headers.
 */
public record TokenResult(Map<String, Object> body, List<String> warnings) {
  public TokenResult {
    body = Map.copyOf(body);
    warnings = List.copyOf(warnings);
  }

  @Override
  public String toString() {
    return "TokenResult[" + body.keySet() + "]";
  }
}

package dev.pinnipedjava.supervisor.audit;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code location} field of "HTTP Request Completed": the {@code Location} header of the
 * response with every query and fragment value replaced by {@code redacted} (redirects carry
 * authorization codes and states), or {@code no location header}.
 */
public final class RedactedLocation {
  static final String NONE = "no location header";

  private RedactedLocation() {}

  public static String of(Map<String, List<String>> responseHeaders) {
    for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
      if (header.getKey().toLowerCase(Locale.ROOT).equals("location")
          && !header.getValue().isEmpty()) {
        return redact(header.getValue().get(0));
      }
    }
    return NONE;
  }

  static String redact(String location) {
    int fragment = location.indexOf('#');
    String withoutFragment = fragment < 0 ? location : location.substring(0, fragment);
    int query = withoutFragment.indexOf('?');
    StringBuilder out =
        new StringBuilder(query < 0 ? withoutFragment : withoutFragment.substring(0, query));
    if (query >= 0) {
      out.append('?').append(redactPairs(withoutFragment.substring(query + 1)));
    }
    if (fragment >= 0) {
      out.append('#').append(redactPairs(location.substring(fragment + 1)));
    }
    return out.toString();
  }

  private static String redactPairs(String pairs) {
    StringBuilder out = new StringBuilder();
    for (String pair : pairs.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append('&');
      }
      int equals = pair.indexOf('=');
      out.append(equals < 0 ? pair : pair.substring(0, equals)).append("=redacted");
    }
    return out.toString();
  }
}

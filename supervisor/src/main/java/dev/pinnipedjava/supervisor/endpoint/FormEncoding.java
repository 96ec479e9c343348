package dev.pinnipedjava.supervisor.endpoint;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code application/x-www-form-urlencoded}, for query strings and form bodies. */
public final class FormEncoding {
  private FormEncoding() {}

  /** The parameters of {@code encoded}, each with every value in order; malformed pairs skipped. */
  public static Map<String, List<String>> decode(String encoded) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (encoded.isEmpty()) {
      return parameters;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      try {
        String name =
            URLDecoder.decode(
                equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        String value =
            equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        // a malformed escape: the pair is left out
      }
    }
    return parameters;
  }

  /** {@code parameters} encoded, in their order. */
  public static String encode(Map<String, List<String>> parameters) {
    StringBuilder out = new StringBuilder();
    parameters.forEach(
        (name, values) -> {
          for (String value : values) {
            if (out.length() > 0) {
              out.append('&');
            }
            out.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
          }
        });
    return out.toString();
  }
}

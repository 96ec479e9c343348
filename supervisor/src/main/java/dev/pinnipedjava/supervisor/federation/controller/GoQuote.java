package dev.pinnipedjava.supervisor.federation.controller;

import java.util.Collection;
import java.util.List;

/** Go's {@code %q} of a string and Pinniped's {@code sortAndQuote}, for messages that match. */
final class GoQuote {
  private GoQuote() {}

  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    value
        .codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                  if (c < 0x20 || c == 0x7f) {
                    out.append(String.format("\\x%02x", c));
                  } else {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.append('"').toString();
  }

  /** Each value quoted, then sorted (by the quoted text, as Pinniped sorts). */
  static List<String> sortAndQuote(Collection<String> values) {
    return values.stream().map(GoQuote::quote).sorted().toList();
  }
}

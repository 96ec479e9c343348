package dev.pinnipedjava.cli.credentialcache;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * JSON text exactly as Go's {@code encoding/json} Encoder writes it with its default HTML escaping,
 * which is what Pinniped hashes for cache keys: no spaces; {@code <}, {@code >}, {@code &}, U+2028
 * and U+2029 as six-character backslash-u escapes; control characters as the short escapes ({@code
 * b f n r t}) or backslash-u00XX with lowercase hex; an invalid UTF-16 sequence (a lone surrogate)
 * becomes U+FFFD, as invalid UTF-8 does in Go.
 */
final class GoJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoJson() {}

  static String string(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(out, c);
        default -> {
          if (c < 0x20) {
            unicodeEscape(out, c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            out.append('\ufffd');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static void unicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }

  static String stringArray(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      out.append(i == 0 ? "" : ",").append(string(values.get(i)));
    }
    return out.append(']').toString();
  }

  /** An object whose values are already JSON text, in the given (struct field) order. */
  static String object(Map<String, String> jsonFields) {
    StringBuilder out = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, String> field : jsonFields.entrySet()) {
      out.append(first ? "" : ",").append(string(field.getKey())).append(':');
      out.append(field.getValue());
      first = false;
    }
    return out.append('}').toString();
  }

  /**
   * A JSON tree in compact form, keys in their original order (what Go's compaction of a raw
   * message does). Numbers are written from their parsed value, so a number spelled with an
   * exponent may differ from the original text.
   */
  static String node(JsonNode node) {
    if (node.isObject()) {
      StringBuilder out = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        out.append(first ? "" : ",").append(string(field.getKey())).append(':');
        out.append(node(field.getValue()));
        first = false;
      }
      return out.append('}').toString();
    }
    if (node.isArray()) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < node.size(); i++) {
        out.append(i == 0 ? "" : ",").append(node(node.get(i)));
      }
      return out.append(']').toString();
    }
    if (node.isTextual()) {
      return string(node.textValue());
    }
    if (node.isBigDecimal()) {
      return node.decimalValue().toString();
    }
    if (node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    return "null";
  }
}

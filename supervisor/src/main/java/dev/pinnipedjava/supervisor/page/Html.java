package dev.pinnipedjava.supervisor.page;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Escaping into HTML, and CSP hashes of inline code. */
public final class Html {
  private Html() {}

  /** {@code text} safe inside an element or a double-quoted attribute. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&#34;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A CSP source expression for inline code: {@code 'sha256-<base64>'} (CSP 3 section 2.3.1). */
  public static String cspHash(String inlineCode) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(inlineCode.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}

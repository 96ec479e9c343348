package dev.pinnipedjava.supervisor.server;

import io.vertx.core.MultiMap;
import java.util.List;

/**
 * The headers Pinniped's {@code securityheader} package puts on every Supervisor response: no
 * framing, no sniffing, no referrer, and no caching of what may hold tokens.
 */
final class SecurityHeaders {
  /** Sent as four header lines, as Go's Header.Add does. */
  private static final List<String> CACHE_CONTROL =
      List.of("no-cache", "no-store", "max-age=0", "must-revalidate");

  private SecurityHeaders() {}

  static void apply(MultiMap headers) {
    headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    headers.set("X-Frame-Options", "DENY");
    headers.set("X-XSS-Protection", "1; mode=block");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("X-DNS-Prefetch-Control", "off");
    headers.remove("Cache-Control");
    for (String directive : CACHE_CONTROL) {
      headers.add("Cache-Control", directive);
    }
    headers.set("Pragma", "no-cache");
    headers.set("Expires", "0");
  }
}

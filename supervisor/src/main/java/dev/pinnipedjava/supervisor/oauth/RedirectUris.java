package dev.pinnipedjava.supervisor.oauth;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Redirect URI matching: exact, except that a registered {@code http} loopback IP literal matches
 * any port (RFC 8252 section 7.3: native apps listen on a port the OS picks). {@code localhost}
 * gets no such leeway (RFC 8252 section 8.3). Every redirect URI must be https or http on loopback,
 * and none may have a fragment (RFC 6749 section 3.1.2).
 */
public final class RedirectUris {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]", "::1");

  private RedirectUris() {}

  public static boolean matches(URI registered, URI requested) {
    if (registered.equals(requested)) {
      return requested.getRawFragment() == null;
    }
    return isLoopbackHttp(registered)
        && isLoopbackHttp(requested)
        && Objects.equals(registered.getHost(), requested.getHost())
        && Objects.equals(registered.getRawPath(), requested.getRawPath())
        && Objects.equals(registered.getRawQuery(), requested.getRawQuery())
        && requested.getRawUserInfo() == null
        && requested.getRawFragment() == null;
  }

  private static boolean isLoopbackHttp(URI uri) {
    return "http".equals(lower(uri.getScheme()))
        && uri.getHost() != null
        && LOOPBACK.contains(uri.getHost());
  }

  private static String lower(@org.jspecify.annotations.Nullable String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }
}

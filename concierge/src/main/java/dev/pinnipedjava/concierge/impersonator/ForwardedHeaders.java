package dev.pinnipedjava.concierge.impersonator;

import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The headers of a request as the proxy forwards it. Everything the caller sent passes, except:
 * hop-by-hop headers (and those {@code Connection} names), {@code Host}, the caller's credentials
 * ({@code Authorization}), any {@code Impersonate-*} header (the caller's own impersonation has
 * been decided already), the front-proxy {@code X-Remote-*} headers, and {@code X-Forwarded-For},
 * which the proxy sets to the caller's address so that a caller cannot spoof its audited source.
 * The forwarded identity becomes {@code Impersonate-User/Group/Uid/Extra-*} headers.
 */
final class ForwardedHeaders {
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "http2-settings");

  private ForwardedHeaders() {}

  /**
   * The headers to send upstream.
   *
   * @param incoming the caller's headers, names as sent
   * @param identity who the kube-apiserver is asked to act as
   * @param remoteAddress the caller's address
   * @param upgrade whether the request upgrades the connection, so that {@code Connection} and
   *     {@code Upgrade} must pass
   */
  static List<Map.Entry<String, String>> request(
      List<Map.Entry<String, String>> incoming,
      ForwardedIdentity identity,
      String remoteAddress,
      boolean upgrade) {
    Set<String> dropped = droppedNames(incoming);
    List<Map.Entry<String, String>> outgoing = new ArrayList<>();
    for (Map.Entry<String, String> header : incoming) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (dropped.contains(name)
          || name.equals("host")
          || name.equals("authorization")
          || name.equals("x-forwarded-for")
          || name.startsWith("impersonate-")
          || name.startsWith("x-remote-")
          || name.startsWith(":")) {
        continue;
      }
      outgoing.add(Map.entry(header.getKey(), header.getValue()));
    }
    if (upgrade) {
      outgoing.add(Map.entry("Connection", "Upgrade"));
      for (Map.Entry<String, String> header : incoming) {
        if (header.getKey().equalsIgnoreCase("upgrade")) {
          outgoing.add(Map.entry("Upgrade", header.getValue()));
        }
      }
    }
    if (!remoteAddress.isEmpty()) {
      outgoing.add(Map.entry("X-Forwarded-For", remoteAddress));
    }
    KubernetesUser user = identity.user();
    outgoing.add(Map.entry("Impersonate-User", user.name()));
    user.groups().forEach(group -> outgoing.add(Map.entry("Impersonate-Group", group)));
    if (!user.uid().isEmpty()) {
      outgoing.add(Map.entry("Impersonate-Uid", user.uid()));
    }
    identity
        .extras()
        .forEach(
            (key, values) ->
                values.forEach(
                    value -> outgoing.add(Map.entry("Impersonate-Extra-" + escape(key), value))));
    return outgoing;
  }

  /** The headers of a response as the proxy returns it: without hop-by-hop headers. */
  static List<Map.Entry<String, String>> response(
      List<Map.Entry<String, String>> incoming, boolean upgraded) {
    if (upgraded) {
      return List.copyOf(incoming);
    }
    Set<String> dropped = droppedNames(incoming);
    return incoming.stream()
        .filter(header -> !dropped.contains(header.getKey().toLowerCase(Locale.ROOT)))
        .toList();
  }

  /** Hop-by-hop headers and whatever {@code Connection} names as such. */
  private static Set<String> droppedNames(List<Map.Entry<String, String>> headers) {
    Set<String> dropped = new HashSet<>(HOP_BY_HOP);
    for (Map.Entry<String, String> header : headers) {
      if (header.getKey().equalsIgnoreCase("connection")) {
        for (String token : header.getValue().split(",")) {
          if (!token.isBlank()) {
            dropped.add(token.trim().toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    return dropped;
  }

  /** Kubernetes percent-encodes extra keys in header names, as Go's url.PathEscape does. */
  private static String escape(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

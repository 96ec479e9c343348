package dev.pinnipedjava.cli.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Chooses a proxy the way Go's {@code http.ProxyFromEnvironment} does: {@code HTTPS_PROXY} (or
 * {@code https_proxy}) for https URLs, {@code HTTP_PROXY} for http, never for loopback hosts, and
 * not for hosts matched by {@code NO_PROXY} (exact names, domain suffixes, {@code *}).
 */
final class EnvProxySelector extends ProxySelector {

  private final @Nullable InetSocketAddress httpsProxy;
  private final @Nullable InetSocketAddress httpProxy;
  private final List<String> noProxy;

  private EnvProxySelector(
      @Nullable InetSocketAddress httpsProxy,
      @Nullable InetSocketAddress httpProxy,
      List<String> noProxy) {
    this.httpsProxy = httpsProxy;
    this.httpProxy = httpProxy;
    this.noProxy = noProxy;
  }

  static EnvProxySelector fromEnv(Function<String, Optional<String>> env) {
    return new EnvProxySelector(
        address(first(env, "HTTPS_PROXY", "https_proxy")),
        address(first(env, "HTTP_PROXY", "http_proxy")),
        first(env, "NO_PROXY", "no_proxy")
            .map(
                value ->
                    Arrays.stream(value.split(","))
                        .map(s -> s.trim().toLowerCase(Locale.ROOT))
                        .filter(s -> !s.isEmpty())
                        .toList())
            .orElse(List.of()));
  }

  private static Optional<String> first(
      Function<String, Optional<String>> env, String upper, String lower) {
    return env.apply(upper)
        .filter(s -> !s.isEmpty())
        .or(() -> env.apply(lower))
        .filter(s -> !s.isEmpty());
  }

  private static @Nullable InetSocketAddress address(Optional<String> proxy) {
    if (proxy.isEmpty()) {
      return null;
    }
    String text = proxy.get().contains("://") ? proxy.get() : "http://" + proxy.get();
    URI uri = URI.create(text);
    if (uri.getHost() == null) {
      return null;
    }
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    return InetSocketAddress.createUnresolved(uri.getHost(), port);
  }

  @Override
  public List<Proxy> select(URI uri) {
    InetSocketAddress proxy = "https".equalsIgnoreCase(uri.getScheme()) ? httpsProxy : httpProxy;
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (proxy == null || isLoopback(host) || excluded(host)) {
      return List.of(Proxy.NO_PROXY);
    }
    return List.of(new Proxy(Proxy.Type.HTTP, proxy));
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("[::1]")
        || host.equals("::1");
  }

  private boolean excluded(String host) {
    for (String rule : noProxy) {
      String ruleHost = rule.replaceFirst(":\\d+$", "");
      if (ruleHost.equals("*") || host.equals(ruleHost.replaceFirst("^\\.", ""))) {
        return true;
      }
      String suffix = ruleHost.startsWith(".") ? ruleHost : "." + ruleHost;
      if (host.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException failure) {
    // The HTTP client reports the failure to the caller; there is no other proxy to try.
  }
}

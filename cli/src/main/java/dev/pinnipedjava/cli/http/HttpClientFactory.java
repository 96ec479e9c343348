package dev.pinnipedjava.cli.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/** Makes the HTTP clients the CLI talks through; tests hand in their own. */
@FunctionalInterface
public interface HttpClientFactory {

  HttpClient create(TlsSettings tls);

  /**
   * Clients that connect within 30 s, never follow redirects (the OIDC flows read them), use the
   * proxy named by {@code HTTPS_PROXY}/{@code NO_PROXY} like Go programs, and speak HTTP/1.1: the
   * kube-apiserver answers an unauthenticated HTTP/2 client (the Concierge's anonymous
   * TokenCredentialRequest, a cluster ping) with an immediate GOAWAY, which Java 17's client turns
   * into a failed request rather than a retry.
   *
   * @param env environment variable lookup
   */
  static HttpClientFactory real(Function<String, Optional<String>> env) {
    EnvProxySelector proxies = EnvProxySelector.fromEnv(env);
    return tls ->
        HttpClient.newBuilder()
            .sslContext(tls.context())
            .sslParameters(tls.profile().parameters())
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(proxies)
            .build();
  }
}

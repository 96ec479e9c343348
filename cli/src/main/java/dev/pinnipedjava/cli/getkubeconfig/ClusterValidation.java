package dev.pinnipedjava.cli.getkubeconfig;

import dev.pinnipedjava.cli.diagnostics.InfoLog;
import dev.pinnipedjava.cli.http.HttpClientFactory;
import dev.pinnipedjava.cli.http.Pem;
import dev.pinnipedjava.cli.http.TlsProfile;
import dev.pinnipedjava.cli.http.TlsSettings;
import dev.pinnipedjava.cli.kubeclient.KubeApiClient;
import dev.pinnipedjava.cli.timing.Deadline;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Checks that the generated kubeconfig's server answers over TLS trusted by its CA bundle: any
 * status below 500 will do (it is not logged in yet). A cluster that is still starting is tried
 * again every two seconds until the deadline.
 */
final class ClusterValidation {

  static final Duration RETRY_INTERVAL = Duration.ofSeconds(2);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private ClusterValidation() {}

  static void validate(
      String server,
      String caBundlePem,
      HttpClientFactory httpClients,
      Deadline deadline,
      InfoLog log)
      throws GetKubeconfigException, InterruptedException {
    List<X509Certificate> roots;
    try {
      roots = Pem.certificates(caBundlePem.getBytes(StandardCharsets.US_ASCII));
    } catch (CertificateException | RuntimeException e) {
      roots = List.of();
    }
    if (roots.isEmpty()) {
      throw new GetKubeconfigException("invalid kubeconfig (no certificateAuthorityData)");
    }
    HttpClient http;
    URI url;
    try {
      http = httpClients.create(TlsSettings.of(TlsProfile.DEFAULT, roots, null));
      url = URI.create(server);
      if (url.getRawPath() == null || url.getRawPath().isEmpty()) {
        // HTTP/2 has no empty path; Go sends "/" too.
        url = url.resolve("/");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new GetKubeconfigException(
          "could not form request to validate cluster: " + KubeApiClient.describe(e), e);
    }
    Optional<String> problem = ping(http, url, deadline);
    if (problem.isEmpty()) {
      log.log("validated connection to the cluster");
      return;
    }
    log.log(
        "could not immediately connect to the cluster but it may be initializing, will retry until"
            + " timeout");
    int attempts = 0;
    while (deadline.pause(RETRY_INTERVAL)) {
      attempts++;
      problem = ping(http, url, deadline);
      if (problem.isEmpty()) {
        log.log("validated connection to the cluster", "attempts", attempts);
        return;
      }
      log.log(
          "could not connect to cluster, retrying...",
          "error",
          problem.get(),
          "attempts",
          attempts,
          "remaining",
          deadline.remaining().toSeconds() + "s");
    }
    throw new GetKubeconfigException(
        "timed out validating the connection to the cluster: " + problem.get());
  }

  /** Empty when the server answered below 500; otherwise what went wrong. */
  private static Optional<String> ping(HttpClient http, URI url, Deadline deadline)
      throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url).timeout(deadline.requestTimeout(REQUEST_TIMEOUT)).GET().build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      return response.statusCode() >= 500
          ? Optional.of("unexpected status code " + response.statusCode())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.of(KubeApiClient.describe(e));
    }
  }
}

package dev.pinnipedjava.testkit.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.pki.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Asks a kube-apiserver, as the admin user, whether it is ready and which version it runs. */
public final class ApiServerProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI apiServerUrl;
  private final HttpClient http;

  private ApiServerProbe(URI apiServerUrl, HttpClient http) {
    this.apiServerUrl = apiServerUrl;
    this.http = http;
  }

  /** The answer to {@code GET /readyz}: ready, or why not. */
  public record Readiness(boolean ready, String detail) {}

  public static ApiServerProbe create(
      URI apiServerUrl, String servingCaPem, String clientCertificatePem, String clientKeyPem) {
    try {
      char[] password = new char[0];
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, password);
      List<X509Certificate> chain = Pem.decodeCertificates(clientCertificatePem);
      PrivateKey key = Pem.decodePrivateKey(clientKeyPem);
      keys.setKeyEntry("client", key, password, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, password);

      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, password);
      List<X509Certificate> cas = Pem.decodeCertificates(servingCaPem);
      for (int i = 0; i < cas.size(); i++) {
        trust.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);

      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(TIMEOUT).build();
      return new ApiServerProbe(apiServerUrl, http);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a TLS client for " + apiServerUrl, e);
    }
  }

  /** A probe authenticating with the admin certificate written in the layout's pki directory. */
  public static ApiServerProbe forLayout(URI apiServerUrl, ControlPlaneLayout layout) {
    try {
      return create(
          apiServerUrl,
          Files.readString(layout.pki(PkiFile.SERVING_CA), StandardCharsets.US_ASCII),
          Files.readString(layout.pki(PkiFile.ADMIN_CERT), StandardCharsets.US_ASCII),
          Files.readString(layout.pki(PkiFile.ADMIN_KEY), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the admin credentials in " + layout.pki(), e);
    }
  }

  public URI apiServerUrl() {
    return apiServerUrl;
  }

  /** Never throws: an unreachable server is simply not ready. */
  public Readiness readyz() {
    try {
      HttpResponse<String> response = get("/readyz?verbose");
      return new Readiness(
          response.statusCode() == 200,
          "HTTP " + response.statusCode() + ": " + failedChecks(response.body()));
    } catch (IOException e) {
      return new Readiness(false, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Readiness(false, "interrupted");
    }
  }

  /** The {@code gitVersion} from {@code GET /version}, for example {@code v1.34.4}. */
  public String version() {
    try {
      HttpResponse<String> response = get("/version");
      if (response.statusCode() != 200) {
        throw new ControlPlaneException(
            "GET " + apiServerUrl + "/version answered HTTP " + response.statusCode());
      }
      JsonNode gitVersion = JSON.readTree(response.body()).path("gitVersion");
      if (!gitVersion.isTextual()) {
        throw new ControlPlaneException("GET " + apiServerUrl + "/version has no gitVersion");
      }
      return gitVersion.asText();
    } catch (IOException e) {
      throw new ControlPlaneException("GET " + apiServerUrl + "/version failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ControlPlaneException("interrupted while reading the version", e);
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(apiServerUrl.resolve(path)).timeout(TIMEOUT).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The verbose readyz body lists every check; only the failing ones explain a wait. */
  private static String failedChecks(String body) {
    List<String> failed = body.lines().filter(line -> line.startsWith("[-]")).toList();
    return failed.isEmpty() ? body.strip() : String.join("; ", failed);
  }
}

package dev.pinnipedjava.cli.kubeclient;

import dev.pinnipedjava.cli.diagnostics.DebugLog;
import dev.pinnipedjava.cli.execcredential.ExecCredentialStatus;
import dev.pinnipedjava.cli.http.HttpClientFactory;
import dev.pinnipedjava.cli.http.Pem;
import dev.pinnipedjava.cli.http.TlsProfile;
import dev.pinnipedjava.cli.http.TlsSettings;
import dev.pinnipedjava.cli.http.TlsSettings.ClientCertificate;
import dev.pinnipedjava.cli.kubeconfig.ConnectionSettings;
import dev.pinnipedjava.cli.kubeconfig.ConnectionSettings.StaticCredentials;
import dev.pinnipedjava.cli.kubeconfig.ExecPluginRunner;
import dev.pinnipedjava.cli.kubeconfig.KubeconfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.jspecify.annotations.Nullable;

/** Makes an authenticated {@link KubeApiClient} for a kubeconfig context. */
public final class KubeApiClients {

  private KubeApiClients() {}

  /**
   * Authenticates with the context's static credentials, else with the credential its exec plugin
   * prints (run once, now).
   *
   * @throws KubeconfigException when credentials or TLS material cannot be used
   */
  public static KubeApiClient forConnection(
      ConnectionSettings connection,
      HttpClientFactory httpClients,
      ExecPluginRunner plugins,
      DebugLog debug)
      throws KubeconfigException {
    String token = null;
    String certificatePem = null;
    String keyPem = null;
    StaticCredentials credentials = connection.credentials();
    if (credentials != null) {
      token = credentials.token();
      certificatePem = credentials.clientCertificatePem();
      keyPem = credentials.clientKeyPem();
    } else if (connection.exec() != null) {
      ExecCredentialStatus status = plugins.run(connection.exec(), connection);
      token = status.token();
      certificatePem = status.clientCertificateData();
      keyPem = status.clientKeyData();
    }
    TlsSettings tls;
    try {
      tls =
          TlsSettings.of(
              TlsProfile.SECURE,
              connection.trustRoots(),
              clientCertificate(certificatePem, keyPem));
    } catch (GeneralSecurityException | IOException e) {
      throw new KubeconfigException(
          "could not set up TLS for cluster \"%s\": %s"
              .formatted(connection.clusterName(), KubeApiClient.describe(e)),
          e);
    }
    return new KubeApiClient(
        connection.server(),
        httpClients.create(tls),
        token == null || token.isEmpty() ? null : token,
        debug);
  }

  private static @Nullable ClientCertificate clientCertificate(
      @Nullable String certificatePem, @Nullable String keyPem)
      throws GeneralSecurityException, IOException {
    if (certificatePem == null || certificatePem.isEmpty()) {
      return null;
    }
    if (keyPem == null || keyPem.isEmpty()) {
      throw new GeneralSecurityException("a client certificate without its key");
    }
    return new ClientCertificate(
        Pem.certificates(certificatePem.getBytes(StandardCharsets.US_ASCII)),
        Pem.privateKey(keyPem.getBytes(StandardCharsets.US_ASCII)));
  }
}

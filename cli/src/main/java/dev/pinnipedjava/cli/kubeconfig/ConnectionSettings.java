package dev.pinnipedjava.cli.kubeconfig;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How to reach and authenticate to the API server of one kubeconfig context.
 *
 * @param contextName the context that was selected
 * @param clusterName the cluster the context names
 * @param trustRoots the cluster's CA bundle; empty means the system's trust roots
 * @param certificateAuthorityData the CA bundle as base64, for {@code provideClusterInfo}
 * @param credentials static credentials, or null when only the exec plugin gives them
 * @param exec the credential plugin, or null
 */
public record ConnectionSettings(
    String contextName,
    String clusterName,
    URI server,
    List<X509Certificate> trustRoots,
    @Nullable String certificateAuthorityData,
    @Nullable StaticCredentials credentials,
    @Nullable ExecConfig exec) {

  public ConnectionSettings {
    trustRoots = List.copyOf(trustRoots);
  }

  /**
   * A bearer token and/or a client certificate, as written in the kubeconfig.
   *
   * @param token a bearer token, or null
   * @param clientCertificatePem PEM, or null
   * @param clientKeyPem PEM, or null
   */
  public record StaticCredentials(
      @Nullable String token,
      @Nullable String clientCertificatePem,
      @Nullable String clientKeyPem) {
    @Override
    public String toString() {
      return "StaticCredentials[token=%s, clientCertificate=%s]"
          .formatted(token == null ? null : "<redacted>", clientCertificatePem != null);
    }
  }
}

package dev.pinnipedjava.concierge.impersonator;

import java.util.function.Supplier;

/** How the proxy proves its own identity to the kube-apiserver. */
public sealed interface UpstreamCredentials {
  /**
   * A client certificate, PEM, from a kubeconfig given in the config (off-cluster).
   *
   * @param certificatePem the certificate chain
   * @param privateKeyPem its private key
   */
  record ClientCertificate(String certificatePem, String privateKeyPem)
      implements UpstreamCredentials {
    @Override
    public String toString() {
      return "ClientCertificate[privateKeyPem=redacted]";
    }
  }

  /**
   * A bearer token read at each request, so that it can be refreshed while the proxy runs.
   *
   * @param token the current token
   */
  record BearerToken(Supplier<String> token) implements UpstreamCredentials {}
}

package dev.pinnipedjava.testkit.kubeconfig;

/** How the user of a kubeconfig authenticates to the API server. */
public sealed interface KubeconfigCredential {

  /** A TLS client certificate chain and its key, both PEM. */
  record ClientCertificate(String certificatePem, String privateKeyPem)
      implements KubeconfigCredential {
    @Override
    public String toString() {
      return "ClientCertificate[privateKey=(redacted)]";
    }
  }

  /** A bearer token. */
  record BearerToken(String token) implements KubeconfigCredential {
    @Override
    public String toString() {
      return "BearerToken[(redacted)]";
    }
  }
}

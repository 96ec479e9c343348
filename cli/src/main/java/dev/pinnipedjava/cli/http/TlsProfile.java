package dev.pinnipedjava.cli.http;

import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;

/** Pinniped's client TLS profiles ({@code internal/crypto/ptls}). */
public enum TlsProfile {
  /** For the Kubernetes API and the Concierge: TLS 1.3 only. */
  SECURE,
  /**
   * For the Supervisor and identity providers: TLS 1.2 or later, forward-secret AEAD suites only.
   */
  DEFAULT;

  private static final List<String> TLS13_SUITES =
      List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

  private static final List<String> TLS12_SUITES =
      List.of(
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  public SSLParameters parameters() {
    SSLParameters parameters = new SSLParameters();
    List<String> suites = new ArrayList<>(TLS13_SUITES);
    if (this == SECURE) {
      parameters.setProtocols(new String[] {"TLSv1.3"});
    } else {
      parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      suites.addAll(TLS12_SUITES);
    }
    parameters.setCipherSuites(suites.toArray(String[]::new));
    return parameters;
  }
}

package dev.pinnipedjava.supervisor.tls;

import java.util.List;

/**
 * Pinniped's {@code Default} TLS profile ({@code internal/crypto/ptls}), for servers whose clients
 * are not ours: TLS 1.2 and 1.3; for TLS 1.2 only ECDHE with AES-GCM or ChaCha20-Poly1305.
 *
 * @param protocols the enabled protocol versions
 * @param cipherSuites the enabled cipher suites, JSSE names, TLS 1.3 suites included
 */
public record TlsProfile(List<String> protocols, List<String> cipherSuites) {
  public static final TlsProfile DEFAULT =
      new TlsProfile(
          List.of("TLSv1.3", "TLSv1.2"),
          List.of(
              // TLS 1.3: all of its suites are strong.
              "TLS_AES_128_GCM_SHA256",
              "TLS_AES_256_GCM_SHA384",
              "TLS_CHACHA20_POLY1305_SHA256",
              // TLS 1.2: Pinniped's secureCipherSuiteIDs.
              "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
              "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
              "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
              "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
              "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
              "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));

  public TlsProfile {
    protocols = List.copyOf(protocols);
    cipherSuites = List.copyOf(cipherSuites);
  }
}

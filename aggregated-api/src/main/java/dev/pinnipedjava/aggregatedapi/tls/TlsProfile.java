package dev.pinnipedjava.aggregatedapi.tls;

import java.util.List;
import javax.net.ssl.SSLParameters;

/**
 * Pinniped's TLS profiles ({@code ptls}). {@link #SECURE} is TLS 1.3 only, which the
 * kube-apiserver's proxy client speaks: the aggregated API and calls to the kube-apiserver use it.
 * {@link #DEFAULT} adds TLS 1.2 with forward-secret AEAD suites only: the impersonation proxy and
 * calls to identity providers and webhooks use it, since any client may connect.
 *
 * @param protocols the enabled protocol versions
 * @param cipherSuites the enabled cipher suites (IANA names), TLS 1.3 ones included
 */
public record TlsProfile(List<String> protocols, List<String> cipherSuites) {
  private static final List<String> TLS_13_SUITES =
      List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

  public static final TlsProfile SECURE = new TlsProfile(List.of("TLSv1.3"), TLS_13_SUITES);

  public static final TlsProfile DEFAULT =
      new TlsProfile(
          List.of("TLSv1.3", "TLSv1.2"),
          concat(
              TLS_13_SUITES,
              List.of(
                  "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                  "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                  "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                  "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                  "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                  "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")));

  public TlsProfile {
    protocols = List.copyOf(protocols);
    cipherSuites = List.copyOf(cipherSuites);
  }

  /**
   * Parameters for a JDK TLS client of this profile that checks the server's name against its
   * certificate, as Go's TLS client does.
   */
  public SSLParameters clientParameters() {
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(protocols.toArray(String[]::new));
    parameters.setCipherSuites(cipherSuites.toArray(String[]::new));
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    return parameters;
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
  }
}

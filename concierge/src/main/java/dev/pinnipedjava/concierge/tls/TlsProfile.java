package dev.pinnipedjava.concierge.tls;

import java.util.List;

/**
 * Pinniped's TLS profiles. The aggregated API uses {@link #SECURE}: TLS 1.3 only, which the
 * kube-apiserver's proxy client speaks; TLS 1.3 has only strong cipher suites, so none are listed.
 *
 * @param protocols the enabled protocol versions
 */
public record TlsProfile(List<String> protocols) {
  public static final TlsProfile SECURE = new TlsProfile(List.of("TLSv1.3"));

  public TlsProfile {
    protocols = List.copyOf(protocols);
  }
}

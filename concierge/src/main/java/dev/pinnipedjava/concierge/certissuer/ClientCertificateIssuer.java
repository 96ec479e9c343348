package dev.pinnipedjava.concierge.certissuer;

import dev.pinnipedjava.pki.IssuedCertificate;
import java.time.Duration;
import java.util.List;

/** Issues client certificates that the cluster's kube-apiserver accepts. */
public interface ClientCertificateIssuer {
  /**
   * A new ECDSA P-256 client certificate: CN = {@code username}, one O per group, valid from now
   * (backdated for clock skew) for {@code validity}. Thread-safe.
   */
  IssuedCertificate issue(String username, List<String> groups, Duration validity);
}

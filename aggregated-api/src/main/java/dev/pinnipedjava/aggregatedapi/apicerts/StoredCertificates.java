package dev.pinnipedjava.aggregatedapi.apicerts;

import dev.pinnipedjava.pki.Pem;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the serving certificate Secret holds: the current CA and serving certificate, and the CA
 * they replaced, which APIServices keep trusting while servers still present a certificate it
 * signed.
 *
 * @param current the CA and serving certificate to serve
 * @param previousAuthority the replaced CA, empty when there is none
 */
public record StoredCertificates(
    AggregationCertificates current, List<X509Certificate> previousAuthority) {
  public StoredCertificates {
    previousAuthority = List.copyOf(previousAuthority);
  }

  /**
   * The PEM bundle an APIService's caBundle must hold: the current CA first, then the replaced one
   * while it is still valid at {@code now}.
   */
  public String caBundlePem(Instant now) {
    List<X509Certificate> bundle = new ArrayList<>();
    bundle.add(current.authority().certificate());
    for (X509Certificate previous : previousAuthority) {
      if (previous.getNotAfter().toInstant().isAfter(now)) {
        bundle.add(previous);
      }
    }
    return Pem.encodeCertificates(bundle);
  }
}

package dev.pinnipedjava.aggregatedapi.apicerts;

import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The aggregated API's own CA, "Pinniped Aggregation CA", and the serving certificate it signs. The
 * kube-apiserver trusts the CA through the APIServices' {@code caBundle} and checks that the
 * certificate names {@code <service>.<namespace>.svc}, whatever address it connects to.
 *
 * @param authority the CA
 * @param serving the serving certificate
 */
public record AggregationCertificates(CertificateAuthority authority, IssuedCertificate serving) {
  public static final String CA_NAME = "Pinniped Aggregation CA";

  /**
   * A new CA and serving certificate for the Service, also valid for {@code localhost} and the
   * loopback addresses (for callers on the same host, such as probes and tests).
   */
  public static AggregationCertificates create(
      String serviceName, String namespace, Duration validity, Clock clock, SecureRandom random) {
    CertificateAuthority authority = CertificateAuthority.create(CA_NAME, validity, clock, random);
    String serviceHost = serviceName + "." + namespace + ".svc";
    IssuedCertificate serving =
        authority.issueServingCertificate(
            serviceHost,
            List.of(serviceHost, "localhost"),
            List.of(InetAddress.getLoopbackAddress(), loopbackV6()),
            validity);
    return new AggregationCertificates(authority, serving);
  }

  /** The CA certificate as PEM, for a {@code caBundle}. */
  public String caBundlePem() {
    return authority.certificatePem();
  }

  private static InetAddress loopbackV6() {
    try {
      return InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("::1 is a valid address", e);
    }
  }
}

package dev.pinnipedjava.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.concierge.clusterfixture.ClusterFixture;
import dev.pinnipedjava.concierge.clusterfixture.RunningConcierge;
import dev.pinnipedjava.concierge.clusterfixture.TestTlsClients;
import dev.pinnipedjava.concierge.config.ConciergeConfig;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The aggregated API's certificates renewed while the Concierge runs against a real kube-apiserver,
 * with lifetimes short enough to see two renewals: the APIServices stay Available and kubectl keeps
 * working throughout.
 */
@WithKubeControlPlane
class ServingCertificateRotationIT {
  /** Renewed once 10 s old: about every 10 to 20 s with the checks and the trust grace. */
  private static final ConciergeConfig.ServingCertificate SHORT_LIVED =
      new ConciergeConfig.ServingCertificate(Duration.ofSeconds(40), Duration.ofSeconds(30));

  private static final String WHO_AM_I =
      "{\"apiVersion\":\"identity.concierge.pinniped.dev/v1alpha1\",\"kind\":\"WhoAmIRequest\"}";

  @Test
  void certificatesAreRenewedWithoutAnInterruption(KubeControlPlane kube) {
    ConciergeConfig config =
        ConciergeConfig.defaults().withListener("127.0.0.1", 0).withServingCertificate(SHORT_LIVED);
    // Another test's Concierge may have left a long-lived certificate in the shared Secret.
    deleteSecret(kube, config);
    try (RunningConcierge running = RunningConcierge.start(kube, config, true)) {
      Set<BigInteger> served = new LinkedHashSet<>();
      Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
      int requests = 0;
      while (served.size() < 3 && Instant.now().isBefore(deadline)) {
        served.add(servedCertificate(running).getSerialNumber());
        kube.kubectl(kube.adminKubeconfig(), WHO_AM_I, List.of("create", "-f", "-", "-o", "json"))
            .assertSuccess();
        requests++;
        for (String apiService : RunningConcierge.API_SERVICES) {
          assertThat(running.available(apiService))
              .as("%s after %d requests and %d certificates", apiService, requests, served.size())
              .isEqualTo("True");
        }
      }

      assertThat(served).as("certificates served within two minutes").hasSize(3);
    } finally {
      deleteSecret(kube, config);
    }
  }

  /**
   * The certificate the listener presents, checked against the CAs the Concierge advertises. A
   * renewal may advertise a new bundle between reading it and the handshake: a failure is tried
   * once more with the bundle read again.
   */
  private static X509Certificate servedCertificate(RunningConcierge running) {
    try {
      return handshake(running);
    } catch (UncheckedIOException e) {
      return handshake(running);
    }
  }

  private static X509Certificate handshake(RunningConcierge running) {
    try (SSLSocket socket =
        (SSLSocket)
            TestTlsClients.context(running.concierge().caBundlePem(), null, null)
                .getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), running.concierge().port())) {
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    } catch (IOException e) {
      throw new UncheckedIOException("no TLS handshake with the aggregated API server", e);
    }
  }

  private static void deleteSecret(KubeControlPlane kube, ConciergeConfig config) {
    kube.adminClient()
        .secrets()
        .inNamespace(ClusterFixture.NAMESPACE)
        .withName(config.servingCertificateSecretName())
        .delete();
  }
}

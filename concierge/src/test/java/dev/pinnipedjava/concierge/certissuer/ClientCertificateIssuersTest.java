package dev.pinnipedjava.concierge.certissuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.pki.CertificateAuthority;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientCertificateIssuersTest {
  private static final CertificateAuthority CLUSTER_CA =
      CertificateAuthority.create(
          "cluster", Duration.ofDays(1), Clock.systemUTC(), new SecureRandom());
  private static final CertificateAuthority PROXY_CA =
      CertificateAuthority.create(
          "proxy", Duration.ofDays(1), Clock.systemUTC(), new SecureRandom());

  @Test
  void theClusterSignerWinsWhenItIsAvailable() {
    SwitchableCertificateAuthority proxy = new SwitchableCertificateAuthority();
    proxy.set(PROXY_CA);
    ClientCertificateIssuers issuers =
        new ClientCertificateIssuers(
            List.of(() -> Optional.of(new CertificateAuthorityIssuer(CLUSTER_CA)), proxy));

    assertThat(issuerName(issuers)).isEqualTo("CN=cluster");
  }

  @Test
  void theProxySignerIsTheFallbackWhileItIsLoaded() {
    SwitchableCertificateAuthority proxy = new SwitchableCertificateAuthority();
    ClientCertificateIssuers issuers =
        new ClientCertificateIssuers(List.of(Optional::empty, proxy));

    assertThat(issuers.get()).isEmpty();
    proxy.set(PROXY_CA);
    assertThat(issuerName(issuers)).isEqualTo("CN=proxy");
    assertThat(proxy.certificate()).contains(PROXY_CA.certificate());
    proxy.clear();
    assertThat(issuers.get()).isEmpty();
    assertThat(proxy.certificate()).isEmpty();
  }

  private static String issuerName(ClientCertificateIssuers issuers) {
    return issuers
        .get()
        .orElseThrow()
        .issue("pat", List.of(), Duration.ofMinutes(5))
        .certificate()
        .getIssuerX500Principal()
        .getName();
  }
}

package dev.pinnipedjava.aggregatedapi.frontproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinnipedjava.pki.CertificateAuthority;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestHeaderConfigTest {
  private static final CertificateAuthority FRONT_PROXY_CA =
      CertificateAuthority.create(
          "front-proxy-ca", Duration.ofDays(1), Clock.systemUTC(), new SecureRandom());

  @Test
  void readsWhatTheKubeApiserverPublishes() {
    Optional<RequestHeaderConfig> config =
        RequestHeaderConfig.fromConfigMapData(
            Map.of(
                "client-ca-file", "ignored here",
                "requestheader-client-ca-file", FRONT_PROXY_CA.certificatePem(),
                "requestheader-allowed-names", "[\"front-proxy-client\"]",
                "requestheader-username-headers", "[\"X-Remote-User\"]",
                "requestheader-uid-headers", "[\"X-Remote-Uid\"]",
                "requestheader-group-headers", "[\"X-Remote-Group\"]",
                "requestheader-extra-headers-prefix", "[\"X-Remote-Extra-\"]"));

    assertThat(config)
        .contains(
            new RequestHeaderConfig(
                List.of(FRONT_PROXY_CA.certificate()),
                List.of("front-proxy-client"),
                List.of("X-Remote-User"),
                List.of("X-Remote-Uid"),
                List.of("X-Remote-Group"),
                List.of("X-Remote-Extra-")));
  }

  @Test
  void missingListsAreEmpty() {
    assertThat(
            RequestHeaderConfig.fromConfigMapData(
                Map.of("requestheader-client-ca-file", FRONT_PROXY_CA.certificatePem())))
        .hasValueSatisfying(
            config -> {
              assertThat(config.allowedNames()).isEmpty();
              assertThat(config.usernameHeaders()).isEmpty();
            });
  }

  @Test
  void noFrontProxyCaMeansNoFrontProxy() {
    assertThat(RequestHeaderConfig.fromConfigMapData(Map.of("client-ca-file", "x"))).isEmpty();
  }

  @Test
  void unusableValuesAreErrorsNamingTheKey() {
    assertThatThrownBy(
            () ->
                RequestHeaderConfig.fromConfigMapData(
                    Map.of("requestheader-client-ca-file", "not a certificate")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("requestheader-client-ca-file is invalid");
    assertThatThrownBy(
            () ->
                RequestHeaderConfig.fromConfigMapData(
                    Map.of(
                        "requestheader-client-ca-file",
                        FRONT_PROXY_CA.certificatePem(),
                        "requestheader-group-headers",
                        "X-Remote-Group")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestheader-group-headers is not a JSON array of strings");
  }
}

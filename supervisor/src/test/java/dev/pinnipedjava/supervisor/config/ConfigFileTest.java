package dev.pinnipedjava.supervisor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinnipedjava.controller.podinfo.PodInfo;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ConfigFileTest {
  private static final PodInfo POD = new PodInfo("pinniped-supervisor", "pod-1", Map.of());

  @Test
  void emptyConfigGetsPinnipedsDefaults() throws InvalidConfigException {
    SupervisorConfig config = ConfigFile.parse("", POD);

    assertThat(config.apiGroupSuffix().value()).isEqualTo("pinniped.dev");
    assertThat(config.namespace()).isEqualTo("pinniped-supervisor");
    assertThat(config.defaultTlsCertificateSecret())
        .isEqualTo("pinniped-supervisor-default-tls-certificate");
    assertThat(config.https()).isEqualTo(new ListenAddress("0.0.0.0", 8443));
    assertThat(config.labels()).isEmpty();
    assertThat(config.aggregatedApi())
        .isEqualTo(
            new AggregatedApiConfig(
                new ListenAddress("0.0.0.0", 10250),
                "pinniped-supervisor-api",
                "pinniped-supervisor-api-tls-serving-certificate",
                Duration.ofDays(365),
                Duration.ofDays(90)));
  }

  @Test
  void readsTheAggregatedApiSettings() throws InvalidConfigException {
    SupervisorConfig config =
        ConfigFile.parse(
            """
            names:
              apiService: my-api
            aggregatedAPIServerPort: 12345
            aggregatedAPIServerBindAddress: 127.0.0.1
            """,
            POD);

    AggregatedApiConfig aggregatedApi = Objects.requireNonNull(config.aggregatedApi());
    assertThat(aggregatedApi.address()).isEqualTo(new ListenAddress("127.0.0.1", 12345));
    assertThat(aggregatedApi.serviceName()).isEqualTo("my-api");
    assertThat(aggregatedApi.servingCertificateSecret())
        .isEqualTo("my-api-tls-serving-certificate");
  }

  @Test
  void rejectsAnAggregatedApiPortOutOfRange() {
    assertThatThrownBy(() -> ConfigFile.parse("aggregatedAPIServerPort: 80", POD))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("validate aggregatedAPIServerPort: must be within range 1024 to 65535");
  }

  @Test
  void readsTheDeployedConfig() throws InvalidConfigException {
    SupervisorConfig config =
        ConfigFile.parse(
            """
            apiGroupSuffix: tuna.io
            names:
              defaultTLSCertificateSecret: my-default-tls
            labels: {"app": "pinniped-supervisor"}
            endpoints:
              https:
                network: tcp
                address: 127.0.0.1:0
              http:
                network: disabled
            aggregatedAPIServerPort: 10250
            """,
            POD);

    assertThat(config.apiGroupSuffix().value()).isEqualTo("tuna.io");
    assertThat(config.defaultTlsCertificateSecret()).isEqualTo("my-default-tls");
    assertThat(config.labels()).containsExactly(Map.entry("app", "pinniped-supervisor"));
    assertThat(config.https()).isEqualTo(new ListenAddress("127.0.0.1", 0));
  }

  @Test
  void rejectsAnInvalidSuffix() {
    assertThatThrownBy(() -> ConfigFile.parse("apiGroupSuffix: nodots", POD))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("must contain '.'");
  }

  @Test
  void rejectsListenersNotSupportedYet() {
    assertThatThrownBy(
            () -> ConfigFile.parse("endpoints: {https: {network: unix, address: /x.sock}}", POD))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("not supported");
  }
}

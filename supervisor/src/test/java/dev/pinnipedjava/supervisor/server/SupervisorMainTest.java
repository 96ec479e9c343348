package dev.pinnipedjava.supervisor.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.controller.lifecycle.StopOnShutdown;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process' argument and configuration errors, which end it before it touches the cluster. */
class SupervisorMainTest {
  // Never connects: every run below fails before the first API call.
  private final KubernetesClient client =
      new KubernetesClientBuilder().withConfig(Config.empty()).build();
  private final Vertx vertx = Vertx.vertx();
  private final SupervisorMain main = new SupervisorMain(client, vertx, new StopOnShutdown());

  @AfterEach
  void close() {
    client.close();
    vertx.close();
  }

  @Test
  void wrongArgumentsAreAUsageError() {
    assertThat(main.run()).isEqualTo(2);
    assertThat(main.run("supervisor", "/etc/podinfo")).isEqualTo(2);
  }

  @Test
  void aPodInfoWithoutNamespaceIsAConfigurationError(@TempDir Path directory) throws IOException {
    Path config = Files.writeString(directory.resolve("pinniped.yaml"), "");

    assertThat(main.run("supervisor", directory.toString(), config.toString())).isEqualTo(1);
  }

  @Test
  void anInvalidConfigFileIsAConfigurationError(@TempDir Path directory) throws IOException {
    Files.writeString(directory.resolve("namespace"), "pinniped-supervisor");
    Path config = Files.writeString(directory.resolve("pinniped.yaml"), "apiGroupSuffix: nodots");

    assertThat(main.run(directory.toString(), config.toString())).isEqualTo(1);
  }
}

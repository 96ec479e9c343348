package dev.pinnipedjava.supervisor.bench;

import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import dev.pinnipedjava.supervisor.config.AuditSettings;
import dev.pinnipedjava.supervisor.config.ListenAddress;
import dev.pinnipedjava.supervisor.config.SupervisorConfig;
import dev.pinnipedjava.supervisor.server.Supervisor;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The Supervisor in a JVM of its own, so that its CPU time can be read apart from the load
 * generator's: {@code SupervisorProcess <kubeconfig> <namespace> <port>}. Runs until its standard
 * input closes (its parent ended).
 */
public final class SupervisorProcess {
  private SupervisorProcess() {}

  public static void main(String[] args) throws IOException {
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                Config.fromKubeconfig(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8)))
            .build();
    Vertx vertx = Vertx.vertx();
    try (Supervisor supervisor =
        Supervisor.start(
            new SupervisorConfig(
                ApiGroupSuffix.DEFAULT,
                args[1],
                SupervisorConfig.DEFAULT_TLS_CERTIFICATE_SECRET,
                Map.of("app", "pinniped-supervisor-bench"),
                new ListenAddress("127.0.0.1", Integer.parseInt(args[2])),
                null,
                AuditSettings.DEFAULT),
            new Supervisor.Environment(
                client,
                vertx,
                Clock.systemUTC(),
                new SecureRandom(),
                "pinniped-supervisor",
                List.of()))) {
      System.out.println("supervisor listening on " + supervisor.port());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our standard input
      }
    } finally {
      vertx.close();
      client.close();
    }
  }
}

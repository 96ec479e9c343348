package dev.pinnipedjava.supervisor.server;

import dev.pinnipedjava.controller.lifecycle.StopOnShutdown;
import dev.pinnipedjava.controller.podinfo.PodInfo;
import dev.pinnipedjava.supervisor.config.ConfigFile;
import dev.pinnipedjava.supervisor.config.InvalidConfigException;
import dev.pinnipedjava.supervisor.config.SupervisorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The Supervisor process, invoked as Pinniped's: {@code [supervisor] <podinfo directory> <config
 * file>}. The Kubernetes client is Quarkus' (in-cluster service account, or the kubeconfig
 * off-cluster).
 */
@QuarkusMain
public final class SupervisorMain implements QuarkusApplication {
  private static final Logger LOG = Logger.getLogger(SupervisorMain.class);

  private final KubernetesClient client;
  private final Vertx vertx;
  private final StopOnShutdown stopOnShutdown;

  @Inject
  public SupervisorMain(KubernetesClient client, Vertx vertx, StopOnShutdown stopOnShutdown) {
    this.client = client;
    this.vertx = vertx;
    this.stopOnShutdown = stopOnShutdown;
  }

  @Override
  public int run(String... args) {
    List<String> arguments = new ArrayList<>(Arrays.asList(args));
    if (!arguments.isEmpty() && arguments.get(0).equals("supervisor")) {
      arguments.remove(0);
    }
    if (arguments.size() != 2) {
      LOG.error("usage: pinniped-supervisor <podinfo directory> <config file>");
      return 2;
    }
    SupervisorConfig config;
    PodInfo pod;
    try {
      pod = PodInfo.read(Path.of(arguments.get(0)));
      config = ConfigFile.read(Path.of(arguments.get(1)), pod);
    } catch (InvalidConfigException | IllegalArgumentException e) {
      LOG.errorf("invalid configuration: %s", e.getMessage());
      return 1;
    }
    DeploymentReference deployment = DeploymentReference.find(client, pod);
    Supervisor supervisor;
    try {
      supervisor =
          Supervisor.start(
              config,
              new Supervisor.Environment(
                  client,
                  vertx,
                  Clock.systemUTC(),
                  new SecureRandom(),
                  deployment.name(),
                  deployment.owner()));
    } catch (IllegalArgumentException | IllegalStateException | KubernetesClientException e) {
      LOG.errorf("cannot start the Supervisor: %s", e.getMessage());
      return 1;
    }
    stopOnShutdown.register(supervisor);
    LOG.infof("Supervisor ready on port %d", supervisor.port());
    // Stopped by StopOnShutdown while Quarkus shuts down, not here (see there).
    Quarkus.waitForExit();
    return 0;
  }
}

package dev.pinnipedjava.concierge.server;

import dev.pinnipedjava.concierge.config.ConciergeConfig;
import dev.pinnipedjava.concierge.config.ConfigFile;
import dev.pinnipedjava.concierge.config.InvalidConfigException;
import dev.pinnipedjava.controller.lifecycle.StopOnShutdown;
import dev.pinnipedjava.controller.podinfo.PodInfo;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The Concierge process: {@code pinniped-concierge --config=/etc/config/pinniped.yaml
 * --downward-api-path=/etc/podinfo}, as Pinniped's. Without {@code --config} it runs with
 * Pinniped's defaults. The Kubernetes client is Quarkus' (in-cluster service account, or the
 * kubeconfig off-cluster).
 */
@QuarkusMain
public final class ConciergeMain implements QuarkusApplication {
  private static final Logger LOG = Logger.getLogger(ConciergeMain.class);
  private static final String CONFIG_FLAG = "--config=";
  private static final String DOWNWARD_API_FLAG = "--downward-api-path=";

  private final KubernetesClient client;
  private final Vertx vertx;
  private final String version;
  private final StopOnShutdown stopOnShutdown;

  @Inject
  public ConciergeMain(
      KubernetesClient client,
      Vertx vertx,
      @ConfigProperty(name = "quarkus.application.version") String version,
      StopOnShutdown stopOnShutdown) {
    this.client = client;
    this.vertx = vertx;
    this.version = version;
    this.stopOnShutdown = stopOnShutdown;
  }

  @Override
  public int run(String... args) {
    ConciergeConfig config;
    try {
      config = config(args);
    } catch (InvalidConfigException | IllegalArgumentException e) {
      LOG.errorf("invalid configuration: %s", e.getMessage());
      return 2;
    }
    Concierge.Environment environment =
        new Concierge.Environment(
            client, vertx, Clock.systemUTC(), new SecureRandom(), System.out::println, version);
    Concierge concierge;
    try {
      concierge = Concierge.start(config, environment);
    } catch (IllegalArgumentException | IllegalStateException | KubernetesClientException e) {
      LOG.errorf("cannot start the Concierge: %s", e.getMessage());
      return 1;
    }
    stopOnShutdown.register(concierge);
    LOG.infof("Concierge started on port %d", concierge.port());
    // Stopped by StopOnShutdown while Quarkus shuts down, not here (see there).
    Quarkus.waitForExit();
    return 0;
  }

  /**
   * Pinniped's arguments, after an optional {@code concierge} (the image's app name): {@code
   * --config=<file>} and {@code --downward-api-path=<directory>}, whose namespace file names the
   * namespace the Concierge runs in.
   */
  static ConciergeConfig config(String... args) {
    Path configFile = null;
    Path podInfo = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (i == 0 && arg.equals("concierge")) {
        continue;
      }
      if (arg.startsWith(CONFIG_FLAG)) {
        configFile = Path.of(arg.substring(CONFIG_FLAG.length()));
      } else if (arg.startsWith(DOWNWARD_API_FLAG)) {
        podInfo = Path.of(arg.substring(DOWNWARD_API_FLAG.length()));
      } else {
        throw new InvalidConfigException(
            "unknown argument "
                + arg
                + " (want --config=<file> and --downward-api-path=<directory>)");
      }
    }
    ConciergeConfig config =
        configFile == null ? ConciergeConfig.defaults() : ConfigFile.read(configFile);
    return podInfo == null ? config : config.withNamespace(PodInfo.read(podInfo).namespace());
  }
}

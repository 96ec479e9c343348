package dev.pinnipedjava.concierge.server;

import dev.pinnipedjava.concierge.config.ConciergeConfig;
import dev.pinnipedjava.concierge.config.ConfigFile;
import dev.pinnipedjava.concierge.config.InvalidConfigException;
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
import org.jspecify.annotations.Nullable;

/**
 * The Concierge process: {@code pinniped-concierge --config=/etc/config/pinniped.yaml}, as
 * Pinniped's. Without {@code --config} it runs with Pinniped's defaults. The Kubernetes client is
 * Quarkus' (in-cluster service account, or the kubeconfig off-cluster).
 */
@QuarkusMain
public final class ConciergeMain implements QuarkusApplication {
  private static final Logger LOG = Logger.getLogger(ConciergeMain.class);
  private static final String CONFIG_FLAG = "--config=";

  private final KubernetesClient client;
  private final Vertx vertx;
  private final String version;

  @Inject
  public ConciergeMain(
      KubernetesClient client,
      Vertx vertx,
      @ConfigProperty(name = "quarkus.application.version") String version) {
    this.client = client;
    this.vertx = vertx;
    this.version = version;
  }

  @Override
  public int run(String... args) {
    ConciergeConfig config;
    try {
      Path configFile = configFile(args);
      config = configFile == null ? ConciergeConfig.defaults() : ConfigFile.read(configFile);
    } catch (InvalidConfigException e) {
      LOG.errorf("invalid configuration: %s", e.getMessage());
      return 2;
    }
    Concierge.Environment environment =
        new Concierge.Environment(
            client, vertx, Clock.systemUTC(), new SecureRandom(), System.out::println, version);
    try (Concierge concierge = Concierge.start(config, environment)) {
      LOG.infof("Concierge started on port %d", concierge.port());
      Quarkus.waitForExit();
      return 0;
    } catch (IllegalArgumentException | IllegalStateException | KubernetesClientException e) {
      LOG.errorf("cannot start the Concierge: %s", e.getMessage());
      return 1;
    }
  }

  private static @Nullable Path configFile(String... args) {
    Path configFile = null;
    for (String arg : args) {
      if (arg.startsWith(CONFIG_FLAG)) {
        configFile = Path.of(arg.substring(CONFIG_FLAG.length()));
      } else {
        throw new InvalidConfigException("unknown argument " + arg + " (want --config=<file>)");
      }
    }
    return configFile;
  }
}

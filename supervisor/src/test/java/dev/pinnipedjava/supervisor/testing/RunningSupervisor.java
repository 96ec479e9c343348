package dev.pinnipedjava.supervisor.testing;

import static org.awaitility.Awaitility.await;

import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import dev.pinnipedjava.supervisor.config.AggregatedApiConfig;
import dev.pinnipedjava.supervisor.config.AuditSettings;
import dev.pinnipedjava.supervisor.config.ListenAddress;
import dev.pinnipedjava.supervisor.config.SupervisorConfig;
import dev.pinnipedjava.supervisor.server.Supervisor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A Supervisor running in-process against a real API server, in a namespace of its own, listening
 * on 127.0.0.1 at a port the OS picks.
 */
public final class RunningSupervisor implements AutoCloseable {
  public static final Map<String, String> LABELS = Map.of("app", "pinniped-supervisor-test");

  private final KubernetesClient client;
  private final String namespace;
  private final int requestedPort;
  private final Vertx vertx;
  private final @Nullable AggregatedApiConfig aggregatedApi;
  private volatile Supervisor supervisor;

  private RunningSupervisor(
      KubernetesClient client,
      String namespace,
      int port,
      @Nullable AggregatedApiConfig aggregatedApi) {
    this.client = client;
    this.namespace = namespace;
    this.requestedPort = port;
    this.aggregatedApi = aggregatedApi;
    SupervisorCrds.install(client);
    SupervisorCrds.createNamespace(client, namespace);
    this.vertx = Vertx.vertx();
    this.supervisor = startSupervisor();
  }

  private Supervisor startSupervisor() {
    Supervisor started =
        Supervisor.start(
            new SupervisorConfig(
                ApiGroupSuffix.DEFAULT,
                namespace,
                SupervisorConfig.DEFAULT_TLS_CERTIFICATE_SECRET,
                LABELS,
                new ListenAddress("127.0.0.1", requestedPort),
                aggregatedApi,
                AuditSettings.DEFAULT),
            new Supervisor.Environment(
                client,
                vertx,
                Clock.systemUTC(),
                new SecureRandom(),
                "pinniped-supervisor",
                List.of()));
    await("Supervisor caches synced").atMost(Duration.ofSeconds(30)).until(started::hasSynced);
    return started;
  }

  /** A Supervisor listening on a port the OS picks. */
  public static RunningSupervisor start(KubernetesClient client, String namespace) {
    return new RunningSupervisor(client, namespace, 0, null);
  }

  /**
   * A Supervisor that also serves its aggregated API on 127.0.0.1, at a port the OS picks, behind
   * the Service {@value AggregatedApiConfig#DEFAULT_SERVICE_NAME}.
   */
  public static RunningSupervisor startWithAggregatedApi(
      KubernetesClient client, String namespace) {
    return new RunningSupervisor(
        client,
        namespace,
        0,
        AggregatedApiConfig.of(
            AggregatedApiConfig.DEFAULT_SERVICE_NAME, new ListenAddress("127.0.0.1", 0)));
  }

  /** A Supervisor listening on {@code port}, which it keeps across {@link #restart()}. */
  public static RunningSupervisor start(KubernetesClient client, String namespace, int port) {
    return new RunningSupervisor(client, namespace, port, null);
  }

  /**
   * Stops the Supervisor and starts a new one in the same namespace, as a pod replacement would:
   * whatever the old one held only in memory is gone.
   */
  public void restart() {
    supervisor.close();
    supervisor = startSupervisor();
  }

  public Supervisor supervisor() {
    return supervisor;
  }

  public String namespace() {
    return namespace;
  }

  public int port() {
    return supervisor.port();
  }

  /** Creates an OIDCIdentityProvider (never contacted: its status is not read). */
  public GenericKubernetesResource createOidcIdentityProvider(
      String name, boolean allowPasswordGrant) {
    GenericKubernetesResource idp =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("idp.supervisor.pinniped.dev/v1alpha1")
            .withKind("OIDCIdentityProvider")
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .endMetadata()
            .withAdditionalProperties(
                Map.of(
                    "spec",
                    Map.of(
                        "issuer", "https://upstream.example.com",
                        "client", Map.of("secretName", "upstream-client"),
                        "authorizationConfig", Map.of("allowPasswordGrant", allowPasswordGrant))))
            .build();
    return client.resource(idp).create();
  }

  @Override
  public void close() {
    try {
      supervisor.close();
    } finally {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Best effort: the test is over.
      }
      client.namespaces().withName(namespace).delete();
    }
  }
}

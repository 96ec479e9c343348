package dev.pinnipedjava.supervisor.clientsecretapi;

import dev.pinnipedjava.aggregatedapi.apicerts.AggregationCertificates;
import dev.pinnipedjava.aggregatedapi.apicerts.ApiServiceCaBundleController;
import dev.pinnipedjava.aggregatedapi.apicerts.ServingCertificateSecret;
import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;
import dev.pinnipedjava.aggregatedapi.apiserver.AggregatedApiServer;
import dev.pinnipedjava.aggregatedapi.apiserver.ApiJson;
import dev.pinnipedjava.aggregatedapi.apiserver.ApiRouter;
import dev.pinnipedjava.aggregatedapi.apiserver.HealthChecks;
import dev.pinnipedjava.aggregatedapi.frontproxy.FrontProxyAuthenticator;
import dev.pinnipedjava.aggregatedapi.frontproxy.RequestHeaderConfigWatcher;
import dev.pinnipedjava.aggregatedapi.openapi.OpenApiDocuments;
import dev.pinnipedjava.aggregatedapi.tls.ClientCertificateRequest;
import dev.pinnipedjava.aggregatedapi.tls.ServingKeyManager;
import dev.pinnipedjava.aggregatedapi.tls.TlsProfile;
import dev.pinnipedjava.supervisor.audit.AuditLog;
import dev.pinnipedjava.supervisor.clientsecret.ClientSecretDocument;
import dev.pinnipedjava.supervisor.clientsecret.ClientSecretStorage;
import dev.pinnipedjava.supervisor.config.AggregatedApiConfig;
import dev.pinnipedjava.supervisor.resource.SupervisorResources;
import dev.pinnipedjava.supervisor.secretstore.KubernetesSecretStore;
import dev.pinnipedjava.supervisor.storage.StorageSchema;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The Supervisor's aggregated API server: its own CA and serving certificate (shared by replicas
 * through a Secret), front-proxy authentication of the kube-apiserver, the OIDCClientSecretRequest
 * resource, and the caBundle of its APIService.
 *
 * @param port the port it listens on
 * @param caBundlePem the CA its serving certificate chains to, as an APIService's caBundle
 */
public record ClientSecretApiServer(int port, String caBundlePem) {
  private static final String TITLE = "Pinniped Supervisor aggregated API";
  private static final String APP_LABEL = "pinniped-supervisor";

  /**
   * Starts it. Every part that needs stopping is added to {@code parts}, in start order, also when
   * a later part fails to start.
   */
  public static ClientSecretApiServer start(
      AggregatedApiConfig config,
      String namespace,
      SupervisorResources resources,
      KubernetesClient client,
      Vertx vertx,
      Clock clock,
      SecureRandom random,
      AuditLog audit,
      List<AutoCloseable> parts) {
    AggregationCertificates certificates =
        new ServingCertificateSecret(
                client,
                namespace,
                config.servingCertificateSecret(),
                config.serviceName(),
                config.certificateValidity(),
                config.renewBefore(),
                clock,
                random,
                APP_LABEL)
            .loadOrCreate();
    ServingKeyManager servingKeys = new ServingKeyManager();
    servingKeys.set(certificates.serving());

    RequestHeaderConfigWatcher frontProxyConfig = new RequestHeaderConfigWatcher(client);
    parts.add(frontProxyConfig);
    frontProxyConfig.start();

    ApiJson json = new ApiJson();
    ApiResource requests = OidcClientSecretRequestResource.of(resources.suffix());
    OidcClientSecretRequestHandler handler =
        new OidcClientSecretRequestHandler(
            requests,
            namespace,
            name -> findClient(client, resources, namespace, name),
            new KubernetesSecretStore<ClientSecretDocument>(
                client, namespace, ClientSecretStorage.TYPE, clock, StorageSchema.objectMapper()),
            random,
            clock,
            audit);
    ApiRouter router =
        new ApiRouter(
            List.of(handler),
            new OpenApiDocuments(List.of(requests), json.mapper(), TITLE, version()),
            new FrontProxyAuthenticator(frontProxyConfig, clock),
            new HealthChecks(
                List.of(
                    new HealthChecks.Check(
                        "front-proxy-configuration", frontProxyConfig::hasSynced))),
            json);
    AggregatedApiServer server =
        new AggregatedApiServer(
            vertx,
            router,
            servingKeys,
            new ClientCertificateRequest(
                () ->
                    frontProxyConfig
                        .get()
                        .map(frontProxy -> frontProxy.certificateAuthorities())
                        .orElse(List.<X509Certificate>of())),
            TlsProfile.SECURE,
            config.address().host(),
            config.address().port(),
            () -> UUID.randomUUID().toString());
    parts.add(server);
    int port = server.start();

    ApiServiceCaBundleController caBundles =
        new ApiServiceCaBundleController(
            client, List.of(apiServiceName(requests)), certificates.caBundlePem());
    parts.add(caBundles);
    caBundles.start();
    return new ClientSecretApiServer(port, certificates.caBundlePem());
  }

  /** Kubernetes names an APIService {@code <version>.<group>}. */
  public static String apiServiceName(ApiResource resource) {
    return resource.groupVersion().version() + "." + resource.groupVersion().group();
  }

  /** A live read: a client created a moment ago may not be in the informer cache yet. */
  private static Optional<HasMetadata> findClient(
      KubernetesClient client, SupervisorResources resources, String namespace, String name) {
    GenericKubernetesResource found =
        client
            .genericKubernetesResources(resources.oidcClients())
            .inNamespace(namespace)
            .withName(name)
            .get();
    return Optional.ofNullable(found);
  }

  private static String version() {
    String version = ClientSecretApiServer.class.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }
}

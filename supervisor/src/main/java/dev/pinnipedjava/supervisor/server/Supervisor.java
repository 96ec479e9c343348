package dev.pinnipedjava.supervisor.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.aggregatedapi.tls.TlsProfile;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.OIDCClient;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.IdentityProviderStatus;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.OIDCIdentityProvider;
import dev.pinnipedjava.controller.Controller;
import dev.pinnipedjava.controller.InformerResourceCache;
import dev.pinnipedjava.controller.ResourceCache;
import dev.pinnipedjava.controller.conditions.StatusWriter;
import dev.pinnipedjava.controller.leaderelection.LeaderElection;
import dev.pinnipedjava.controller.leaderelection.LeaseTimings;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.supervisor.audit.AuditLog;
import dev.pinnipedjava.supervisor.clientsecretapi.ClientSecretApiServer;
import dev.pinnipedjava.supervisor.config.AggregatedApiConfig;
import dev.pinnipedjava.supervisor.config.SupervisorConfig;
import dev.pinnipedjava.supervisor.endpoint.EndpointServices;
import dev.pinnipedjava.supervisor.federation.IssuerRouter;
import dev.pinnipedjava.supervisor.federation.controller.CachedIdentityProviders;
import dev.pinnipedjava.supervisor.federation.controller.FederationDomainController;
import dev.pinnipedjava.supervisor.federation.controller.FederationDomainValidator;
import dev.pinnipedjava.supervisor.keys.CsrfCookieKeyController;
import dev.pinnipedjava.supervisor.keys.FederationDomainSecretController;
import dev.pinnipedjava.supervisor.keys.FederationDomainSecretKind;
import dev.pinnipedjava.supervisor.keys.JwksSecretKind;
import dev.pinnipedjava.supervisor.keys.KeyCache;
import dev.pinnipedjava.supervisor.keys.SymmetricKeySecretKind;
import dev.pinnipedjava.supervisor.oidcclient.OidcClientController;
import dev.pinnipedjava.supervisor.oidcclient.OidcClientRegistry;
import dev.pinnipedjava.supervisor.oidcclient.OidcClients;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.resource.SupervisorResources;
import dev.pinnipedjava.supervisor.secretstore.StorageSecrets;
import dev.pinnipedjava.supervisor.secretstore.gc.ExpiredSecretCollector;
import dev.pinnipedjava.supervisor.storage.SessionStorage;
import dev.pinnipedjava.supervisor.storage.StorageSchema;
import dev.pinnipedjava.supervisor.storage.gc.ExpiredSessionHandler;
import dev.pinnipedjava.supervisor.tls.SniKeyManager;
import dev.pinnipedjava.supervisor.tls.TlsCertificateController;
import dev.pinnipedjava.supervisor.transform.CelTransformCompiler;
import dev.pinnipedjava.supervisor.upstream.UpstreamRegistry;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsConfiguration;
import dev.pinnipedjava.supervisor.upstream.activedirectory.ActiveDirectoryIdentityProviders;
import dev.pinnipedjava.supervisor.upstream.github.GitHubUpstreamController;
import dev.pinnipedjava.supervisor.upstream.ldap.DirectoryKind;
import dev.pinnipedjava.supervisor.upstream.ldap.DirectoryUpstreamController;
import dev.pinnipedjava.supervisor.upstream.ldap.LdapIdentityProviders;
import dev.pinnipedjava.supervisor.upstream.oidc.OidcDiscovery;
import dev.pinnipedjava.supervisor.upstream.oidc.OidcUpstreamController;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The running Supervisor: caches of its namespace's Secrets, FederationDomains and identity
 * providers; the controllers that validate FederationDomains and keep their keys and certificates;
 * and the HTTPS listener serving the issuers. Built from plain parts, so tests start it in-process
 * exactly as the application does.
 */
public final class Supervisor implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Supervisor.class);

  /** Pinniped's bootstrap certificate lives ten years. */
  private static final Duration BOOTSTRAP_VALIDITY = Duration.ofDays(3650);

  private final List<AutoCloseable> parts;
  private final List<Controller> controllers;
  private final int port;
  private final KeyCache keys;
  private final IssuerRouter router;
  private final @Nullable ClientSecretApiServer aggregatedApi;
  private final LeaderElection election;

  private Supervisor(
      List<AutoCloseable> parts,
      List<Controller> controllers,
      int port,
      KeyCache keys,
      IssuerRouter router,
      @Nullable ClientSecretApiServer aggregatedApi,
      LeaderElection election) {
    this.election = election;
    this.parts = List.copyOf(parts);
    this.controllers = List.copyOf(controllers);
    this.port = port;
    this.keys = keys;
    this.router = router;
    this.aggregatedApi = aggregatedApi;
  }

  /**
   * What the Supervisor needs from its surroundings.
   *
   * @param deploymentName the Supervisor's Deployment, which names the CSRF key Secret and the
   *     leader election's Lease
   * @param deploymentOwner owner references to the Deployment, when it is known
   * @param leaseTimings of the leader election among the replicas
   */
  public record Environment(
      KubernetesClient client,
      Vertx vertx,
      Clock clock,
      SecureRandom random,
      String deploymentName,
      List<OwnerReference> deploymentOwner,
      LeaseTimings leaseTimings) {
    /** With Pinniped's lease timings. */
    public Environment(
        KubernetesClient client,
        Vertx vertx,
        Clock clock,
        SecureRandom random,
        String deploymentName,
        List<OwnerReference> deploymentOwner) {
      this(client, vertx, clock, random, deploymentName, deploymentOwner, LeaseTimings.PINNIPED);
    }
  }

  /** Starts every part; returns once the HTTPS listener listens. */
  public static Supervisor start(SupervisorConfig config, Environment environment) {
    List<AutoCloseable> parts = new ArrayList<>();
    try {
      return start(config, environment, parts);
    } catch (RuntimeException e) {
      closeAll(parts);
      throw e;
    }
  }

  private static Supervisor start(
      SupervisorConfig config, Environment environment, List<AutoCloseable> parts) {
    KubernetesClient client = environment.client();
    String namespace = config.namespace();
    // Every replica serves logins and stores sessions through `client`; only the leader's
    // controllers write, through `controllerClient`.
    LeaderElection election =
        LeaderElection.create(
            client,
            namespace,
            environment.deploymentName(),
            LeaderElection.hostIdentity(),
            environment.leaseTimings());
    parts.add(election);
    KubernetesClient controllerClient = election.controllerClient();
    SupervisorResources resources = new SupervisorResources(config.apiGroupSuffix());
    ObjectMapper json = new ObjectMapper();

    InformerResourceCache<Secret> secrets =
        InformerResourceCache.of(
            client.secrets().inNamespace(namespace).runnableInformer(0), "secrets in " + namespace);
    InformerResourceCache<GenericKubernetesResource> federationDomainObjects =
        SupervisorResources.informer(client, resources.federationDomains(), namespace);
    ResourceCache<FederationDomain> federationDomains =
        SupervisorResources.typed(
            federationDomainObjects, FederationDomain.class, client.getKubernetesSerialization());
    Map<IdentityProviderKind, InformerResourceCache<GenericKubernetesResource>> identityProviders =
        new EnumMap<>(IdentityProviderKind.class);
    for (IdentityProviderKind kind : IdentityProviderKind.values()) {
      identityProviders.put(
          kind, SupervisorResources.informer(client, resources.identityProviders(kind), namespace));
    }
    InformerResourceCache<GenericKubernetesResource> oidcClientObjects =
        SupervisorResources.informer(client, resources.oidcClients(), namespace);
    ResourceCache<OIDCClient> oidcClientCache =
        SupervisorResources.typed(
            oidcClientObjects, OIDCClient.class, client.getKubernetesSerialization());
    InformerResourceCache<ConfigMap> configMaps =
        InformerResourceCache.of(
            client.configMaps().inNamespace(namespace).runnableInformer(0),
            "configmaps in " + namespace);
    List<InformerResourceCache<?>> caches = new ArrayList<>();
    caches.add(secrets);
    caches.add(configMaps);
    caches.add(federationDomainObjects);
    caches.add(oidcClientObjects);
    caches.addAll(identityProviders.values());
    parts.addAll(caches);
    caches.forEach(InformerResourceCache::start);

    KeyCache keys = new KeyCache();
    UpstreamRegistry upstreams = new UpstreamRegistry();
    AuditLog audit =
        AuditLog.toLogger(environment.clock(), json, config.audit().logUsernamesAndGroups());
    SessionStorage storage =
        SessionStorage.kubernetes(
            client, namespace, environment.clock(), StorageSchema.objectMapper());
    OidcClients oidcClients =
        new OidcClients(
            namespace,
            oidcClientCache,
            secrets,
            new StorageSecrets(StorageSchema.objectMapper()),
            environment.clock());
    IssuerRouter router =
        new IssuerRouter(
            new IssuerEndpoints(
                EndpointServices.create(
                    keys,
                    upstreams,
                    storage,
                    audit,
                    environment.clock(),
                    environment.random(),
                    json,
                    new OidcClientRegistry(oidcClients)),
                json));
    StatusWriter statusWriter =
        StatusWriter.forResource(controllerClient, resources.federationDomains());
    FederationDomainSecretController.SecretWriter secretWriter =
        FederationDomainSecretController.SecretWriter.of(controllerClient);

    SniKeyManager certificates = new SniKeyManager(bootstrapCertificate(environment));
    List<Controller> controllers = new ArrayList<>();
    controllers.add(
        FederationDomainController.controller(
            new FederationDomainController(
                federationDomains,
                new CachedIdentityProviders(identityProviders),
                new FederationDomainValidator(
                    resources.identityProviderGroup(),
                    new CelTransformCompiler(
                        CelTransformCompiler.DEFAULT_MAX_RUNTIME, environment.clock())),
                router::setFederationDomains,
                statusWriter,
                environment.clock()),
            federationDomains,
            List.copyOf(identityProviders.values())));
    List<FederationDomainSecretKind> kinds = new ArrayList<>();
    kinds.add(new JwksSecretKind());
    kinds.addAll(List.of(SymmetricKeySecretKind.values()));
    for (FederationDomainSecretKind kind : kinds) {
      controllers.add(
          FederationDomainSecretController.controller(
              new FederationDomainSecretController(
                  kind,
                  federationDomains,
                  secrets,
                  secretWriter,
                  statusWriter,
                  resources,
                  keys,
                  environment.random(),
                  config.labels()),
              federationDomains,
              secrets));
    }
    controllers.add(
        new CsrfCookieKeyController(
                namespace,
                environment.deploymentName(),
                secrets,
                secretWriter,
                keys,
                environment.random(),
                config.labels(),
                environment.deploymentOwner())
            .controller());
    controllers.add(
        new TlsCertificateController(
                namespace,
                config.defaultTlsCertificateSecret(),
                federationDomains,
                secrets,
                certificates)
            .controller());
    controllers.add(
        ExpiredSecretCollector.controller(
            secrets,
            controllerClient,
            environment.clock(),
            new ExpiredSessionHandler(upstreams, audit)));
    controllers.add(
        OidcClientController.controller(
            new OidcClientController(
                oidcClientCache,
                oidcClients,
                StatusWriter.forResource(controllerClient, resources.oidcClients()),
                environment.clock()),
            oidcClientCache,
            secrets));
    ResourceCache<OIDCIdentityProvider> oidcIdentityProviders =
        SupervisorResources.typed(
            Objects.requireNonNull(identityProviders.get(IdentityProviderKind.OIDC)),
            OIDCIdentityProvider.class,
            client.getKubernetesSerialization());
    controllers.add(
        OidcUpstreamController.controller(
            new OidcUpstreamController(
                oidcIdentityProviders,
                secrets,
                new UpstreamTlsConfiguration(secrets, configMaps),
                new OidcDiscovery(environment.clock()),
                StatusWriter.forResource(
                    controllerClient, resources.identityProviders(IdentityProviderKind.OIDC)),
                upstreams,
                environment.clock()),
            oidcIdentityProviders,
            secrets,
            configMaps));
    UpstreamTlsConfiguration directoryTls = new UpstreamTlsConfiguration(secrets, configMaps);
    controllers.add(
        directoryController(
            new LdapIdentityProviders(),
            LDAPIdentityProvider.class,
            identityProviders,
            secrets,
            configMaps,
            directoryTls,
            controllerClient,
            resources,
            upstreams,
            environment.clock(),
            parts));
    controllers.add(
        directoryController(
            new ActiveDirectoryIdentityProviders(),
            ActiveDirectoryIdentityProvider.class,
            identityProviders,
            secrets,
            configMaps,
            directoryTls,
            controllerClient,
            resources,
            upstreams,
            environment.clock(),
            parts));
    ResourceCache<GitHubIdentityProvider> gitHubIdentityProviders =
        SupervisorResources.typed(
            Objects.requireNonNull(identityProviders.get(IdentityProviderKind.GITHUB)),
            GitHubIdentityProvider.class,
            client.getKubernetesSerialization());
    controllers.add(
        GitHubUpstreamController.controller(
            new GitHubUpstreamController(
                gitHubIdentityProviders,
                secrets,
                new UpstreamTlsConfiguration(secrets, configMaps),
                StatusWriter.forResource(
                    controllerClient, resources.identityProviders(IdentityProviderKind.GITHUB)),
                upstreams,
                environment.clock()),
            gitHubIdentityProviders,
            secrets,
            configMaps));
    for (Controller controller : controllers) {
      parts.add(controller);
      controller.start();
    }
    // Syncs before this replica leads were left to the leader; on leading, all of them run again.
    election.onStartLeading(() -> controllers.forEach(Controller::resyncNow)).start();

    SupervisorHttpsServer server =
        new SupervisorHttpsServer(
            environment.vertx(),
            router,
            certificates,
            TlsProfile.DEFAULT,
            config.https().host(),
            config.https().port(),
            () -> UUID.randomUUID().toString(),
            audit,
            config.audit().logInternalPaths());
    parts.add(server);
    int port = server.start();
    AggregatedApiConfig aggregatedApiConfig = config.aggregatedApi();
    ClientSecretApiServer aggregatedApi =
        aggregatedApiConfig == null
            ? null
            : ClientSecretApiServer.start(
                aggregatedApiConfig,
                namespace,
                resources,
                client,
                environment.vertx(),
                environment.clock(),
                environment.random(),
                audit,
                parts);
    LOG.infof("Supervisor started in namespace %s", namespace);
    return new Supervisor(parts, controllers, port, keys, router, aggregatedApi, election);
  }

  /**
   * The controller of one kind of directory provider. Its syncer goes into {@code parts} before the
   * controller, so that it closes the providers' connections after the controller stopped.
   */
  private static <T extends CustomResource<?, IdentityProviderStatus>>
      Controller directoryController(
          DirectoryKind<T> kind,
          Class<T> type,
          Map<IdentityProviderKind, InformerResourceCache<GenericKubernetesResource>>
              identityProviders,
          ResourceCache<Secret> secrets,
          ResourceCache<ConfigMap> configMaps,
          UpstreamTlsConfiguration tls,
          KubernetesClient client,
          SupervisorResources resources,
          UpstreamRegistry upstreams,
          Clock clock,
          List<AutoCloseable> parts) {
    ResourceCache<T> typed =
        SupervisorResources.typed(
            Objects.requireNonNull(identityProviders.get(kind.kind())),
            type,
            client.getKubernetesSerialization());
    DirectoryUpstreamController<T> syncer =
        new DirectoryUpstreamController<>(
            kind,
            typed,
            secrets,
            tls,
            StatusWriter.forResource(client, resources.identityProviders(kind.kind())),
            upstreams,
            clock);
    parts.add(syncer);
    return DirectoryUpstreamController.controller(syncer, typed, secrets, configMaps);
  }

  private static IssuedCertificate bootstrapCertificate(Environment environment) {
    CertificateAuthority ca =
        CertificateAuthority.create(
            "pinniped-supervisor-bootstrap-ca",
            BOOTSTRAP_VALIDITY,
            environment.clock(),
            environment.random());
    return ca.issueServingCertificate(
        "pinniped-supervisor-bootstrap-cert", List.of(), List.of(), BOOTSTRAP_VALIDITY);
  }

  /** The port the HTTPS listener listens on. */
  public int port() {
    return port;
  }

  /** The aggregated API server, when the configuration asks for one. */
  public Optional<ClientSecretApiServer> aggregatedApi() {
    return Optional.ofNullable(aggregatedApi);
  }

  /** The keys loaded so far. */
  public KeyCache keys() {
    return keys;
  }

  /** The issuers served now. */
  public IssuerRouter router() {
    return router;
  }

  /** Whether this replica leads, and so its controllers write. */
  public boolean isLeader() {
    return election.isLeader();
  }

  /** Whether every controller's caches have synced. */
  public boolean hasSynced() {
    return controllers.stream().allMatch(Controller::hasSynced);
  }

  /** Stops every part, the HTTPS listener first. */
  @Override
  public void close() {
    closeAll(parts);
  }

  private static void closeAll(List<AutoCloseable> parts) {
    List<AutoCloseable> reversed = new ArrayList<>(parts);
    Collections.reverse(reversed);
    for (AutoCloseable part : reversed) {
      try {
        part.close();
      } catch (Exception e) {
        LOG.warnf("stopping %s failed: %s", part, e);
      }
    }
  }
}

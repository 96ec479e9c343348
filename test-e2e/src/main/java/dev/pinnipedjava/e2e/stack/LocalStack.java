package dev.pinnipedjava.e2e.stack;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import dev.pinnipedjava.concierge.config.ConciergeConfig;
import dev.pinnipedjava.concierge.server.Concierge;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.supervisor.config.ListenAddress;
import dev.pinnipedjava.supervisor.config.SupervisorConfig;
import dev.pinnipedjava.supervisor.server.Supervisor;
import dev.pinnipedjava.testkit.dex.DexBinary;
import dev.pinnipedjava.testkit.dex.DexClient;
import dev.pinnipedjava.testkit.dex.DexConfig;
import dev.pinnipedjava.testkit.dex.DexServer;
import dev.pinnipedjava.testkit.dex.DexUser;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Real Dex, the Supervisor and the Concierge running beside a control plane, wired as an
 * administrator would: OIDCIdentityProviders for Dex, FederationDomains on https://127.0.0.1, the
 * Concierge's aggregated APIs behind APIServices, JWTAuthenticators trusting the issuers, and the
 * impersonation proxy enabled on 127.0.0.1. The Supervisor and the Concierge run in this JVM.
 */
public final class LocalStack implements AutoCloseable {
  public static final String SUPERVISOR_NAMESPACE = "pinniped-supervisor";
  public static final String CONCIERGE_NAMESPACE = ConciergeConfig.DEFAULT_NAMESPACE;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> API_SERVICES =
      List.of("v1alpha1.login.concierge.pinniped.dev", "v1alpha1.identity.concierge.pinniped.dev");

  private final List<AutoCloseable> parts;
  private final KubernetesClient admin;
  private final ClusterObjects objects;
  private final DexConfig dexConfig;
  private final Path dexDirectory;
  private final Clock clock;
  private final SecureRandom random;
  private volatile DexServer dex;
  private final String supervisorCaPem;
  private final int supervisorPort;
  private final int impersonationProxyPort;
  private final SupervisorRequests requests;
  private final StackSettings settings;

  private LocalStack(
      List<AutoCloseable> parts,
      KubernetesClient admin,
      ClusterObjects objects,
      DexConfig dexConfig,
      Path dexDirectory,
      Clock clock,
      SecureRandom random,
      DexServer dex,
      String supervisorCaPem,
      int supervisorPort,
      int impersonationProxyPort,
      SupervisorRequests requests,
      StackSettings settings) {
    this.parts = parts;
    this.admin = admin;
    this.objects = objects;
    this.dexConfig = dexConfig;
    this.dexDirectory = dexDirectory;
    this.clock = clock;
    this.random = random;
    this.dex = dex;
    this.supervisorCaPem = supervisorCaPem;
    this.supervisorPort = supervisorPort;
    this.impersonationProxyPort = impersonationProxyPort;
    this.requests = requests;
    this.settings = settings;
  }

  /** Starts everything and returns once every object reports ready. */
  public static LocalStack start(StackSettings settings, Consumer<String> progress) {
    List<AutoCloseable> parts = new ArrayList<>();
    try {
      return start(settings, progress, parts, Clock.systemUTC(), new SecureRandom());
    } catch (RuntimeException e) {
      closeAll(parts);
      throw e;
    }
  }

  private static LocalStack start(
      StackSettings settings,
      Consumer<String> progress,
      List<AutoCloseable> parts,
      Clock clock,
      SecureRandom random) {
    SupervisorRequests requests = SupervisorRequests.attach();
    parts.add(requests::close);
    KubernetesClient admin = adminClient(settings.controlPlane().adminKubeconfig());
    parts.add(admin);
    ClusterObjects objects = new ClusterObjects(admin);
    Path deploy = settings.deployDirectory();

    progress.accept("applying the CRDs, namespaces and the Concierge's RBAC");
    applyCrdsNamespacesAndRbac(admin, objects, deploy);

    List<Integer> ports = LoopbackPorts.allocate(3);
    int supervisorPort = ports.get(0);
    int conciergePort = ports.get(1);
    int proxyPort = ports.get(2);
    String issuerBase = "https://" + LoopbackPorts.HOST + ":" + supervisorPort;

    progress.accept("starting the Supervisor on " + issuerBase);
    CertificateAuthority supervisorCa =
        CertificateAuthority.create(
            "pinniped-java local Supervisor CA", Duration.ofDays(30), clock, random);
    IssuedCertificate serving =
        supervisorCa.issueServingCertificate(
            LoopbackPorts.HOST,
            List.of("localhost"),
            List.of(InetAddress.getLoopbackAddress()),
            Duration.ofDays(30));
    objects.apply(
        "v1",
        "Secret",
        SUPERVISOR_NAMESPACE,
        SupervisorConfig.DEFAULT_TLS_CERTIFICATE_SECRET,
        Map.of(
            "type",
            "kubernetes.io/tls",
            "data",
            Map.of(
                "tls.crt", base64(serving.certificatePem()),
                "tls.key", base64(serving.privateKeyPem()))));
    Vertx vertx = Vertx.vertx();
    parts.add(() -> vertx.close().toCompletionStage().toCompletableFuture().join());
    Supervisor supervisor =
        Supervisor.start(
            new SupervisorConfig(
                ApiGroupSuffix.DEFAULT,
                SUPERVISOR_NAMESPACE,
                SupervisorConfig.DEFAULT_TLS_CERTIFICATE_SECRET,
                Map.of("app", "pinniped-supervisor"),
                new ListenAddress(LoopbackPorts.HOST, supervisorPort)),
            new Supervisor.Environment(
                admin, vertx, clock, random, "pinniped-supervisor", List.of()));
    parts.add(supervisor);
    await("the Supervisor's caches synced").atMost(READY_TIMEOUT).until(supervisor::hasSynced);

    progress.accept("starting Dex");
    Map<String, String> clientSecrets = new LinkedHashMap<>();
    DexConfig.Builder dexConfig = DexConfig.builder();
    settings.users().forEach(dexConfig::user);
    List<URI> callbacks =
        settings.issuers().stream()
            .map(issuer -> URI.create(issuerBase + "/" + issuer.name() + "/callback"))
            .toList();
    for (UpstreamProvider provider : settings.providers()) {
      String secret = HexFormat.of().formatHex(random.generateSeed(16));
      clientSecrets.put(provider.name(), secret);
      dexConfig.client(new DexClient(dexClientId(provider), secret, callbacks));
    }
    Path dexDirectory = settings.workDirectory().resolve("dex");
    DexConfig builtDexConfig = dexConfig.build();
    DexServer dex =
        DexServer.start(DexBinary.locate(), builtDexConfig, dexDirectory, clock, random);
    parts.add(dex);

    progress.accept("creating the OIDCIdentityProviders and FederationDomains");
    for (UpstreamProvider provider : settings.providers()) {
      String secretName = provider.name() + "-client";
      objects.apply(
          "v1",
          "Secret",
          SUPERVISOR_NAMESPACE,
          secretName,
          Map.of(
              "type",
              "secrets.pinniped.dev/oidc-client",
              "data",
              Map.of(
                  "clientID", base64(dexClientId(provider)),
                  "clientSecret",
                      base64(Objects.requireNonNull(clientSecrets.get(provider.name()))))));
      applyIdentityProvider(objects, provider, dex);
    }
    for (IssuerSpec issuer : settings.issuers()) {
      applyFederationDomain(
          objects,
          issuerBase,
          issuer.name(),
          issuer.providers().stream().map(IdentityProviderRef::oidc).toList());
    }
    for (UpstreamProvider provider : settings.providers()) {
      awaitPhase(
          admin,
          "idp.supervisor.pinniped.dev/v1alpha1",
          "OIDCIdentityProvider",
          SUPERVISOR_NAMESPACE,
          provider.name());
    }
    for (IssuerSpec issuer : settings.issuers()) {
      awaitPhase(
          admin,
          "config.supervisor.pinniped.dev/v1alpha1",
          "FederationDomain",
          SUPERVISOR_NAMESPACE,
          issuer.name());
    }

    progress.accept("starting the Concierge");
    publishClusterInfo(objects, settings.controlPlane());
    objects.applyFile(
        deploy.resolve("concierge/credentialissuer.yaml"),
        credentialIssuer -> withProxyOn(credentialIssuer, proxyPort));
    replaceApiServiceByExternalName(admin);
    ConciergeConfig conciergeConfig =
        conciergeConfig(settings.controlPlane(), conciergePort, proxyPort);
    Concierge concierge =
        Concierge.start(
            conciergeConfig,
            new Concierge.Environment(
                admin, vertx, clock, random, line -> {}, "pinniped-java-local"));
    parts.add(concierge);
    objects.applyFile(
        deploy.resolve("concierge/apiservice.yaml"),
        apiService -> {
          ((ObjectNode) apiService.path("spec").path("service")).put("port", conciergePort);
          return apiService;
        });
    await("the Concierge's APIServices available")
        .atMost(READY_TIMEOUT)
        .ignoreExceptions()
        .until(() -> API_SERVICES.stream().allMatch(name -> apiServiceAvailable(admin, name)));
    // get kubeconfig autodiscovers the Concierge from these strategies and waits only for Pending
    // ones, as Pinniped's does: a status not yet written fails it.
    await("the CredentialIssuer's strategies successful")
        .atMost(READY_TIMEOUT)
        .ignoreExceptions()
        .until(() -> strategiesSucceeded(admin));

    progress.accept("creating the JWTAuthenticators");
    for (IssuerSpec issuer : settings.issuers()) {
      applyJwtAuthenticators(objects, issuerBase, issuer, supervisorCa.certificatePem());
    }
    for (IssuerSpec issuer : settings.issuers()) {
      awaitJwtAuthenticators(admin, issuer);
    }
    return new LocalStack(
        parts,
        admin,
        objects,
        builtDexConfig,
        dexDirectory,
        clock,
        random,
        dex,
        supervisorCa.certificatePem(),
        supervisorPort,
        proxyPort,
        requests,
        settings);
  }

  /**
   * Adds a FederationDomain at {@code https://127.0.0.1:<port>/<name>} offering {@code providers}
   * (which must exist), and a JWTAuthenticator {@code <name>-<audience>} per audience trusting it;
   * returns once all are Ready.
   */
  public void addIssuer(String name, List<IdentityProviderRef> providers, List<String> audiences) {
    String issuerBase = "https://" + LoopbackPorts.HOST + ":" + supervisorPort;
    IssuerSpec issuer = new IssuerSpec(name, List.of(), audiences);
    applyFederationDomain(objects, issuerBase, name, providers);
    awaitPhase(
        admin,
        "config.supervisor.pinniped.dev/v1alpha1",
        "FederationDomain",
        SUPERVISOR_NAMESPACE,
        name);
    applyJwtAuthenticators(objects, issuerBase, issuer, supervisorCaPem);
    awaitJwtAuthenticators(admin, issuer);
  }

  private static void applyFederationDomain(
      ClusterObjects objects, String issuerBase, String name, List<IdentityProviderRef> providers) {
    objects.apply(
        "config.supervisor.pinniped.dev/v1alpha1",
        "FederationDomain",
        SUPERVISOR_NAMESPACE,
        name,
        Map.of(
            "spec",
            Map.of(
                "issuer",
                issuerBase + "/" + name,
                "identityProviders",
                providers.stream()
                    .map(
                        provider ->
                            Map.of(
                                "displayName",
                                provider.displayName(),
                                "objectRef",
                                Map.of(
                                    "apiGroup",
                                    "idp.supervisor.pinniped.dev",
                                    "kind",
                                    provider.kind(),
                                    "name",
                                    provider.name())))
                    .toList())));
  }

  private static void applyJwtAuthenticators(
      ClusterObjects objects, String issuerBase, IssuerSpec issuer, String supervisorCaPem) {
    for (String audience : issuer.audiences()) {
      objects.apply(
          "authentication.concierge.pinniped.dev/v1alpha1",
          "JWTAuthenticator",
          "",
          issuer.authenticatorName(audience),
          Map.of(
              "spec",
              Map.of(
                  "issuer",
                  issuerBase + "/" + issuer.name(),
                  "audience",
                  audience,
                  "tls",
                  Map.of("certificateAuthorityData", base64(supervisorCaPem)))));
    }
  }

  private static void awaitJwtAuthenticators(KubernetesClient admin, IssuerSpec issuer) {
    for (String audience : issuer.audiences()) {
      awaitPhase(
          admin,
          "authentication.concierge.pinniped.dev/v1alpha1",
          "JWTAuthenticator",
          null,
          issuer.authenticatorName(audience));
    }
  }

  /** The OIDCIdentityProvider of {@code provider}, pointing at {@code dex}. */
  private static void applyIdentityProvider(
      ClusterObjects objects, UpstreamProvider provider, DexServer dex) {
    objects.apply(
        "idp.supervisor.pinniped.dev/v1alpha1",
        "OIDCIdentityProvider",
        SUPERVISOR_NAMESPACE,
        provider.name(),
        Map.of(
            "spec",
            Map.of(
                "issuer", dex.issuer().toString(),
                "tls", Map.of("certificateAuthorityData", base64(dex.caPem())),
                "client", Map.of("secretName", provider.name() + "-client"),
                "authorizationConfig", Map.of("allowPasswordGrant", provider.allowPasswordGrant()),
                "claims", Map.of("username", "email"))));
  }

  /**
   * Replaces Dex by a new one with the same users and clients (on another port) and points the
   * OIDCIdentityProviders at it. Dex keeps its grants in memory: every refresh token it issued is
   * gone, as if revoked.
   */
  public void restartDex() {
    dex.stop();
    DexServer started = DexServer.start(DexBinary.locate(), dexConfig, dexDirectory, clock, random);
    parts.add(started);
    dex = started;
    for (UpstreamProvider provider : settings.providers()) {
      applyIdentityProvider(objects, provider, started);
    }
    for (UpstreamProvider provider : settings.providers()) {
      await("OIDCIdentityProvider " + provider.name() + " using the new Dex")
          .atMost(READY_TIMEOUT)
          .ignoreExceptions()
          .until(
              () -> {
                GenericKubernetesResource object =
                    admin
                        .genericKubernetesResources(
                            "idp.supervisor.pinniped.dev/v1alpha1", "OIDCIdentityProvider")
                        .inNamespace(SUPERVISOR_NAMESPACE)
                        .withName(provider.name())
                        .get();
                List<Map<String, Object>> conditions = object.get("status", "conditions");
                Object generation = object.getMetadata().getGeneration();
                return "Ready".equals(object.get("status", "phase"))
                    && conditions.stream()
                        .allMatch(
                            condition ->
                                String.valueOf(generation)
                                    .equals(String.valueOf(condition.get("observedGeneration"))));
              });
    }
  }

  private static void applyCrdsNamespacesAndRbac(
      KubernetesClient admin, ClusterObjects objects, Path deploy) {
    for (Path crds : List.of(deploy.resolve("concierge/crds"), deploy.resolve("supervisor/crds"))) {
      try (var files = Files.list(crds)) {
        files
            .filter(file -> file.toString().endsWith(".yaml"))
            .sorted()
            .forEach(objects::applyFile);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + crds, e);
      }
    }
    objects.applyFile(deploy.resolve("concierge/namespace.yaml"));
    objects.applyFile(deploy.resolve("supervisor/namespace.yaml"));
    objects.applyFile(deploy.resolve("concierge/rbac.yaml"));
    awaitCrdsEstablished(admin);
  }

  /**
   * ConfigMap {@code kube-public/cluster-info} as kubeadm writes it: a kubeconfig naming the API
   * server and its CA. The kube-apiserver alone does not write it; without it the Concierge's
   * KubeClusterSigningCertificate strategy fails (CouldNotGetClusterInfo) and only the
   * impersonation proxy is left to autodiscover.
   */
  private static void publishClusterInfo(ClusterObjects objects, ControlPlaneAccess controlPlane) {
    String servingCa;
    try {
      servingCa = Files.readString(controlPlane.servingCaCertificate());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the API server's CA " + controlPlane.servingCaCertificate(), e);
    }
    String kubeconfig =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: ""
          cluster:
            server: %s
            certificate-authority-data: %s
        """
            .formatted(controlPlane.apiServerUrl(), base64(servingCa));
    objects.apply(
        "v1",
        "ConfigMap",
        "kube-public",
        "cluster-info",
        Map.of("data", Map.of("kubeconfig", kubeconfig)));
  }

  /** Both strategies, the cluster's signing certificate and the impersonation proxy, work. */
  private static boolean strategiesSucceeded(KubernetesClient admin) {
    GenericKubernetesResource credentialIssuer =
        admin
            .genericKubernetesResources(
                "config.concierge.pinniped.dev/v1alpha1", "CredentialIssuer")
            .withName(ConciergeConfig.DEFAULT_CREDENTIAL_ISSUER_NAME)
            .get();
    if (credentialIssuer == null) {
      return false;
    }
    List<Map<String, Object>> strategies =
        Objects.requireNonNullElse(credentialIssuer.get("status", "strategies"), List.of());
    return Stream.of("KubeClusterSigningCertificate", "ImpersonationProxy")
        .allMatch(
            type ->
                strategies.stream()
                    .anyMatch(
                        strategy ->
                            type.equals(strategy.get("type"))
                                && "Success".equals(strategy.get("status"))));
  }

  private static void replaceApiServiceByExternalName(KubernetesClient admin) {
    // Kubernetes refuses loopback addresses in Endpoints; with aggregator routing off, the
    // kube-apiserver connects to an ExternalName Service's name and the APIService's port.
    admin
        .services()
        .inNamespace(CONCIERGE_NAMESPACE)
        .withName(ConciergeConfig.DEFAULT_API_SERVICE_NAME)
        .delete();
    admin
        .services()
        .inNamespace(CONCIERGE_NAMESPACE)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(ConciergeConfig.DEFAULT_API_SERVICE_NAME)
                .endMetadata()
                .withNewSpec()
                .withType("ExternalName")
                .withExternalName(LoopbackPorts.HOST)
                .endSpec()
                .build())
        .create();
  }

  /**
   * Off-cluster: signs client certificates with the control plane's client CA, tells clients the
   * API server's URL, and forwards the impersonation proxy's requests with the admin kubeconfig.
   */
  private static ConciergeConfig conciergeConfig(
      ControlPlaneAccess controlPlane, int conciergePort, int proxyPort) {
    return ConciergeConfig.defaults()
        .withListener(LoopbackPorts.HOST, conciergePort)
        .withClientCertificateSigner(
            new ConciergeConfig.SignerFiles(
                controlPlane.clientCaCertificate(), controlPlane.clientCaKey()))
        .withCredentialIssuer(
            ConciergeConfig.DEFAULT_CREDENTIAL_ISSUER_NAME, controlPlane.apiServerUrl().toString())
        .withImpersonationProxy(
            ConciergeConfig.ImpersonationProxy.DEFAULT
                .withPort(proxyPort)
                .withKubeconfig(controlPlane.adminKubeconfig()));
  }

  private static ObjectNode withProxyOn(ObjectNode credentialIssuer, int port) {
    ObjectNode proxy = ((ObjectNode) credentialIssuer.path("spec")).putObject("impersonationProxy");
    proxy.put("mode", "enabled");
    proxy.put("externalEndpoint", LoopbackPorts.HOST + ":" + port);
    proxy.putObject("service").put("type", "None");
    return credentialIssuer;
  }

  private static String dexClientId(UpstreamProvider provider) {
    return "supervisor-" + provider.name();
  }

  private static KubernetesClient adminClient(Path kubeconfig) {
    try {
      return new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the admin kubeconfig " + kubeconfig, e);
    }
  }

  private static void awaitCrdsEstablished(KubernetesClient admin) {
    await("the CRDs established")
        .atMost(READY_TIMEOUT)
        .ignoreExceptions()
        .until(
            () ->
                admin.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
                    .filter(crd -> crd.getSpec().getGroup().endsWith("pinniped.dev"))
                    .allMatch(
                        crd ->
                            crd.getStatus() != null
                                && crd.getStatus().getConditions().stream()
                                    .anyMatch(
                                        condition ->
                                            condition.getType().equals("Established")
                                                && condition.getStatus().equals("True"))));
  }

  private static void awaitPhase(
      KubernetesClient admin,
      String apiVersion,
      String kind,
      @Nullable String namespace,
      String name) {
    await(kind + " " + name + " Ready")
        .atMost(READY_TIMEOUT)
        .ignoreExceptions()
        .until(
            () -> {
              var resources = admin.genericKubernetesResources(apiVersion, kind);
              GenericKubernetesResource object =
                  namespace == null
                      ? resources.withName(name).get()
                      : resources.inNamespace(namespace).withName(name).get();
              return object != null && "Ready".equals(object.get("status", "phase"));
            });
  }

  private static boolean apiServiceAvailable(KubernetesClient admin, String name) {
    GenericKubernetesResource apiService =
        admin
            .genericKubernetesResources("apiregistration.k8s.io/v1", "APIService")
            .withName(name)
            .get();
    List<Map<String, Object>> conditions =
        apiService == null ? null : apiService.get("status", "conditions");
    return conditions != null
        && conditions.stream()
            .anyMatch(
                condition ->
                    "Available".equals(condition.get("type"))
                        && "True".equals(condition.get("status")));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code https://127.0.0.1:<port>/<name>}. */
  public String issuer(String name) {
    return "https://" + LoopbackPorts.HOST + ":" + supervisorPort + "/" + name;
  }

  /** The CA of the Supervisor's serving certificate, PEM. */
  public String supervisorCaPem() {
    return supervisorCaPem;
  }

  public DexServer dex() {
    return dex;
  }

  public int impersonationProxyPort() {
    return impersonationProxyPort;
  }

  /** Requests received by the Supervisor, counted by path. */
  public SupervisorRequests requests() {
    return requests;
  }

  public KubernetesClient adminClient() {
    return admin;
  }

  public StackSettings settings() {
    return settings;
  }

  /** The users of Dex's password database. */
  public List<DexUser> users() {
    return settings.users();
  }

  /** Stops everything this stack started, the newest part first; the objects stay. */
  @Override
  public void close() {
    closeAll(parts);
  }

  private static void closeAll(List<AutoCloseable> parts) {
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        // Keep stopping the others; whatever is left dies with the JVM.
      }
    }
    parts.clear();
  }
}

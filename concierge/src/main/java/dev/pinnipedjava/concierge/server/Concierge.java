package dev.pinnipedjava.concierge.server;

import dev.pinnipedjava.aggregatedapi.apicerts.ApiServiceCaBundleController;
import dev.pinnipedjava.aggregatedapi.apicerts.ServingCertificateRotation;
import dev.pinnipedjava.aggregatedapi.apicerts.ServingCertificateSecret;
import dev.pinnipedjava.aggregatedapi.apicerts.StoredCertificates;
import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;
import dev.pinnipedjava.aggregatedapi.apiserver.AggregatedApiServer;
import dev.pinnipedjava.aggregatedapi.apiserver.ApiJson;
import dev.pinnipedjava.aggregatedapi.apiserver.ApiRouter;
import dev.pinnipedjava.aggregatedapi.apiserver.CreateHandler;
import dev.pinnipedjava.aggregatedapi.apiserver.HealthChecks;
import dev.pinnipedjava.aggregatedapi.frontproxy.FrontProxyAuthenticator;
import dev.pinnipedjava.aggregatedapi.frontproxy.RequestHeaderConfigWatcher;
import dev.pinnipedjava.aggregatedapi.openapi.OpenApiDocuments;
import dev.pinnipedjava.aggregatedapi.tls.ClientCertificateRequest;
import dev.pinnipedjava.aggregatedapi.tls.ServingKeyManager;
import dev.pinnipedjava.aggregatedapi.tls.TlsProfile;
import dev.pinnipedjava.concierge.audit.AuditLogger;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorCache;
import dev.pinnipedjava.concierge.authenticator.CaBundleSources;
import dev.pinnipedjava.concierge.authenticator.jwt.JwtAuthenticatorController;
import dev.pinnipedjava.concierge.authenticator.webhook.WebhookAuthenticatorController;
import dev.pinnipedjava.concierge.certissuer.CertificateAuthorityIssuer;
import dev.pinnipedjava.concierge.certissuer.ClientCertificateIssuers;
import dev.pinnipedjava.concierge.certissuer.ClusterSignerAvailability;
import dev.pinnipedjava.concierge.certissuer.SwitchableCertificateAuthority;
import dev.pinnipedjava.concierge.config.ConciergeConfig;
import dev.pinnipedjava.concierge.credentialrequest.TokenCredentialRequestHandler;
import dev.pinnipedjava.concierge.credentialrequest.TokenCredentialRequestResource;
import dev.pinnipedjava.concierge.impersonatorconfig.ImpersonationProxyConfigurator;
import dev.pinnipedjava.concierge.issuerconfig.CredentialIssuerController;
import dev.pinnipedjava.concierge.kubecertagent.KubeCertAgentController;
import dev.pinnipedjava.concierge.kubecertagent.KubernetesPodCommandExecutor;
import dev.pinnipedjava.concierge.whoami.WhoAmIRequestHandler;
import dev.pinnipedjava.concierge.whoami.WhoAmIRequestResource;
import dev.pinnipedjava.controller.leaderelection.LeaderElection;
import dev.pinnipedjava.controller.leaderelection.LeaseTimings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The running Concierge: the aggregated API server and the controllers that feed it. Built from
 * plain parts, so tests start it in-process exactly as the application does.
 */
public final class Concierge implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Concierge.class);

  /** What the OpenAPI documents call the server. */
  private static final String TITLE = "pinniped-java Concierge";

  private final List<AutoCloseable> parts;
  private final int port;
  private final ServingCertificateRotation certificates;
  private final ImpersonationProxyConfigurator impersonation;

  private Concierge(
      List<AutoCloseable> parts,
      int port,
      ServingCertificateRotation certificates,
      ImpersonationProxyConfigurator impersonation) {
    this.parts = List.copyOf(parts);
    this.port = port;
    this.certificates = certificates;
    this.impersonation = impersonation;
  }

  /** The leader election's Lease, named after the Concierge's Deployment as Pinniped names it. */
  public static final String LEASE_NAME = "pinniped-concierge";

  /**
   * What the Concierge needs from its surroundings.
   *
   * @param leaseTimings of the leader election among the replicas
   */
  public record Environment(
      KubernetesClient client,
      Vertx vertx,
      Clock clock,
      SecureRandom random,
      Consumer<String> auditSink,
      String version,
      LeaseTimings leaseTimings) {
    /** With Pinniped's lease timings. */
    public Environment(
        KubernetesClient client,
        Vertx vertx,
        Clock clock,
        SecureRandom random,
        Consumer<String> auditSink,
        String version) {
      this(client, vertx, clock, random, auditSink, version, LeaseTimings.PINNIPED);
    }
  }

  /**
   * Starts every part and returns once the aggregated API server listens; controllers fill their
   * caches in the background (see {@code /readyz}).
   *
   * @throws IllegalArgumentException when the client certificate signer files are unusable
   */
  public static Concierge start(ConciergeConfig config, Environment environment) {
    List<AutoCloseable> parts = new ArrayList<>();
    try {
      return start(config, environment, parts);
    } catch (RuntimeException e) {
      closeAll(parts);
      throw e;
    }
  }

  private static Concierge start(
      ConciergeConfig config, Environment environment, List<AutoCloseable> parts) {
    Clock clock = environment.clock();
    KubernetesClient client = environment.client();
    // Every replica serves the APIs; only the leader writes the statuses of authenticators and
    // of the CredentialIssuer, through `controllerClient`.
    LeaderElection election =
        LeaderElection.create(
            client,
            config.namespace(),
            LEASE_NAME,
            LeaderElection.hostIdentity(),
            environment.leaseTimings());
    parts.add(election);
    KubernetesClient controllerClient = election.controllerClient();
    ApiJson json = new ApiJson();
    AuditLogger audit =
        new AuditLogger(
            environment.auditSink(), clock, config.logUsernamesAndGroups(), json.mapper());

    // The cluster's own signer: read from files off-cluster, fetched by the kube-cert-agent in a
    // cluster.
    SwitchableCertificateAuthority clusterSigner = new SwitchableCertificateAuthority();
    ClusterSignerAvailability clusterSignerAvailability;
    ConciergeConfig.SignerFiles signerFiles = config.clientCertificateSigner();
    if (signerFiles != null) {
      clusterSigner.set(
          CertificateAuthorityIssuer.readAuthority(signerFiles, clock, environment.random()));
      clusterSignerAvailability = ClusterSignerAvailability.fixed(Optional.empty());
    } else {
      KubeCertAgentController kubeCertAgent =
          new KubeCertAgentController(
              client,
              config.kubeCertAgent(),
              config.namespace(),
              config.labels(),
              new KubernetesPodCommandExecutor(client),
              clusterSigner,
              clock,
              environment.random());
      parts.add(kubeCertAgent);
      kubeCertAgent.start();
      clusterSignerAvailability = kubeCertAgent;
    }
    // The cluster's own signer first, so that certificates work without the proxy; then the
    // proxy's signer, whose certificates only the proxy accepts.
    SwitchableCertificateAuthority proxySigner = new SwitchableCertificateAuthority();
    ClientCertificateIssuers issuers =
        new ClientCertificateIssuers(List.of(clusterSigner, proxySigner));

    ServingCertificateSecret servingCertificateSecret =
        new ServingCertificateSecret(
            client,
            config.namespace(),
            config.servingCertificateSecretName(),
            config.apiServiceName(),
            config.servingCertificate().duration(),
            config.servingCertificate().renewBefore(),
            clock,
            environment.random(),
            "pinniped-concierge");
    StoredCertificates certificates = servingCertificateSecret.loadOrRenew();
    ServingKeyManager servingKeys = new ServingKeyManager();
    servingKeys.set(certificates.current().serving());

    RequestHeaderConfigWatcher frontProxyConfig = new RequestHeaderConfigWatcher(client);
    parts.add(frontProxyConfig);
    frontProxyConfig.start();

    AuthenticatorCache authenticators = new AuthenticatorCache();
    CaBundleSources caBundleSources = CaBundleSources.watching(client, config.namespace());
    parts.add(caBundleSources);
    JwtAuthenticatorController jwtAuthenticators =
        new JwtAuthenticatorController(
            controllerClient, config.apiGroupSuffix(), authenticators, caBundleSources, clock);
    parts.add(jwtAuthenticators);
    jwtAuthenticators.start();
    WebhookAuthenticatorController webhookAuthenticators =
        new WebhookAuthenticatorController(
            controllerClient, config.apiGroupSuffix(), authenticators, caBundleSources, clock);
    parts.add(webhookAuthenticators);
    webhookAuthenticators.start();

    ImpersonationProxyConfigurator impersonation =
        new ImpersonationProxyConfigurator(
            client,
            environment.vertx(),
            config,
            authenticators,
            proxySigner,
            () -> {
              List<X509Certificate> cas =
                  new ArrayList<>(frontProxyConfig.clientCertificateAuthorities());
              clusterSigner.certificate().ifPresent(cas::add);
              return cas;
            },
            clock,
            environment.random());
    CredentialIssuerController credentialIssuer =
        new CredentialIssuerController(
            controllerClient,
            config.apiGroupSuffix(),
            config.credentialIssuerName(),
            config.namespace(),
            config.labels(),
            clusterSignerAvailability,
            config.discoveryUrl(),
            impersonation,
            clock);
    parts.add(credentialIssuer);
    credentialIssuer.start();
    election
        .onStartLeading(
            () -> {
              jwtAuthenticators.resyncAll();
              webhookAuthenticators.resyncAll();
              credentialIssuer.resync();
            })
        .start();

    ApiResource tokenCredentialRequests =
        TokenCredentialRequestResource.of(config.apiGroupSuffix());
    ApiResource whoAmIRequests = WhoAmIRequestResource.of(config.apiGroupSuffix());
    List<CreateHandler<?>> handlers =
        List.of(
            new TokenCredentialRequestHandler(
                tokenCredentialRequests, authenticators, issuers, audit),
            new WhoAmIRequestHandler(whoAmIRequests));
    ApiRouter router =
        new ApiRouter(
            handlers,
            new OpenApiDocuments(
                List.of(tokenCredentialRequests, whoAmIRequests),
                json.mapper(),
                TITLE,
                environment.version()),
            new FrontProxyAuthenticator(frontProxyConfig, clock),
            new HealthChecks(
                List.of(
                    new HealthChecks.Check(
                        "front-proxy-configuration", frontProxyConfig::hasSynced),
                    new HealthChecks.Check("jwtauthenticators", jwtAuthenticators::hasSynced),
                    new HealthChecks.Check(
                        "webhookauthenticators", webhookAuthenticators::hasSynced))),
            json);

    AggregatedApiServer server =
        new AggregatedApiServer(
            environment.vertx(),
            router,
            servingKeys,
            new ClientCertificateRequest(
                () ->
                    frontProxyConfig
                        .get()
                        .map(frontProxy -> frontProxy.certificateAuthorities())
                        .orElse(List.<X509Certificate>of())),
            TlsProfile.SECURE,
            config.bindAddress(),
            config.aggregatedApiServerPort(),
            () -> UUID.randomUUID().toString());
    parts.add(server);
    int port = server.start();

    ApiServiceCaBundleController caBundles =
        new ApiServiceCaBundleController(
            client,
            List.of(apiServiceName(tokenCredentialRequests), apiServiceName(whoAmIRequests)),
            certificates.caBundlePem(clock.instant()));
    parts.add(caBundles);
    caBundles.start();
    ServingCertificateRotation rotation =
        new ServingCertificateRotation(
            servingCertificateSecret,
            certificates,
            servingKeys,
            caBundles,
            config.servingCertificate().renewBefore(),
            clock);
    parts.add(rotation);
    rotation.start();

    return new Concierge(parts, port, rotation, impersonation);
  }

  /** The port the aggregated API server listens on. */
  public int port() {
    return port;
  }

  /** The port the impersonation proxy listens on, while it runs. */
  public OptionalInt impersonationProxyPort() {
    return impersonation.port();
  }

  /**
   * The CA the serving certificate chains to, and while certificates are being renewed the CA it
   * replaces, PEM: what an APIService's caBundle must hold.
   */
  public String caBundlePem() {
    return certificates.caBundlePem();
  }

  /** Stops every part, the API server first. */
  @Override
  public void close() {
    closeAll(parts);
  }

  /** Kubernetes names an APIService {@code <version>.<group>}. */
  public static String apiServiceName(ApiResource resource) {
    return resource.groupVersion().version() + "." + resource.groupVersion().group();
  }

  private static void closeAll(List<AutoCloseable> parts) {
    List<AutoCloseable> reversed = new ArrayList<>(parts);
    Collections.reverse(reversed);
    for (AutoCloseable part : reversed) {
      try {
        part.close();
      } catch (Exception e) {
        LOG.warnf("stopping %s failed: %s", part.getClass().getSimpleName(), e);
      }
    }
  }
}

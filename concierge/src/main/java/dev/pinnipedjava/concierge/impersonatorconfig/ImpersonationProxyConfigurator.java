package dev.pinnipedjava.concierge.impersonatorconfig;

import dev.pinnipedjava.aggregatedapi.tls.ServingKeyManager;
import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuerFrontend;
import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuerStrategy;
import dev.pinnipedjava.api.concierge.config.v1alpha1.FrontendType;
import dev.pinnipedjava.api.concierge.config.v1alpha1.ImpersonationProxyInfo;
import dev.pinnipedjava.api.concierge.config.v1alpha1.ImpersonationProxyMode;
import dev.pinnipedjava.api.concierge.config.v1alpha1.ImpersonationProxyServiceSpec;
import dev.pinnipedjava.api.concierge.config.v1alpha1.ImpersonationProxyServiceType;
import dev.pinnipedjava.api.concierge.config.v1alpha1.ImpersonationProxySpec;
import dev.pinnipedjava.api.concierge.config.v1alpha1.ImpersonationProxyTLSSpec;
import dev.pinnipedjava.api.concierge.config.v1alpha1.StrategyReason;
import dev.pinnipedjava.api.concierge.config.v1alpha1.StrategyStatus;
import dev.pinnipedjava.api.concierge.config.v1alpha1.StrategyType;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorCache;
import dev.pinnipedjava.concierge.certissuer.SwitchableCertificateAuthority;
import dev.pinnipedjava.concierge.config.ConciergeConfig;
import dev.pinnipedjava.concierge.impersonator.ImpersonationProxy;
import dev.pinnipedjava.concierge.impersonator.KubeApiTarget;
import dev.pinnipedjava.concierge.impersonator.ServiceAccountTokens;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Brings the impersonation proxy in line with {@code spec.impersonationProxy} and says how it went,
 * as the CredentialIssuer's {@code ImpersonationProxy} strategy (Pinniped's impersonatorconfig):
 *
 * <ul>
 *   <li>{@code disabled}, or {@code auto} on a cluster whose control-plane nodes are visible: the
 *       proxy is stopped and its Services and serving certificate removed;
 *   <li>otherwise the proxy listens; its endpoint is the external endpoint, or the load balancer or
 *       cluster IP of the Service created for it; its serving certificate names that endpoint (or
 *       is the administrator's); and its signer CA is loaded, so that TokenCredentialRequests can
 *       issue certificates the proxy accepts.
 * </ul>
 *
 * Not thread-safe: one controller thread calls it.
 */
public final class ImpersonationProxyConfigurator implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ImpersonationProxyConfigurator.class);

  private static final ImpersonationProxyServiceSpec DEFAULT_SERVICE =
      new ImpersonationProxyServiceSpec(ImpersonationProxyServiceType.LOAD_BALANCER, null, null);

  private final KubernetesClient client;
  private final Vertx vertx;
  private final ConciergeConfig config;
  private final AuthenticatorCache authenticators;
  private final SwitchableCertificateAuthority signer;
  private final Supplier<List<X509Certificate>> otherClientCas;
  private final Clock clock;
  private final ProxyCertificates certificates;
  private final ProxyServices services;
  private final ServingKeyManager servingKeys = new ServingKeyManager();

  private @Nullable Boolean controlPlaneVisible;
  private @Nullable ImpersonationProxy proxy;
  private @Nullable ServiceAccountTokens tokens;

  /**
   * @param signer where the proxy's signer CA is loaded while the proxy is ready
   * @param otherClientCas further CAs whose client certificates the proxy accepts: the cluster's
   *     client CA and the Concierge's configured signer
   */
  public ImpersonationProxyConfigurator(
      KubernetesClient client,
      Vertx vertx,
      ConciergeConfig config,
      AuthenticatorCache authenticators,
      SwitchableCertificateAuthority signer,
      Supplier<List<X509Certificate>> otherClientCas,
      Clock clock,
      SecureRandom random) {
    this.client = client;
    this.vertx = vertx;
    this.config = config;
    this.authenticators = authenticators;
    this.signer = signer;
    this.otherClientCas = otherClientCas;
    this.clock = clock;
    this.certificates =
        new ProxyCertificates(client, config.namespace(), config.labels(), clock, random);
    this.services =
        new ProxyServices(
            client,
            config.namespace(),
            config.impersonationProxy().loadBalancerServiceName(),
            config.impersonationProxy().clusterIpServiceName(),
            config.labels(),
            config.impersonationProxy().port() == 0
                ? ConciergeConfig.ImpersonationProxy.DEFAULT_PORT
                : config.impersonationProxy().port());
  }

  /** Applies the spec (null means Pinniped's defaults) and returns the strategy to report. */
  public CredentialIssuerStrategy reconcile(@Nullable ImpersonationProxySpec spec) {
    try {
      ImpersonationProxyMode mode = spec == null ? ImpersonationProxyMode.AUTO : spec.mode();
      if (mode == ImpersonationProxyMode.DISABLED) {
        stop();
        return strategy(
            StrategyStatus.ERROR,
            StrategyReason.DISABLED,
            "impersonation proxy was explicitly disabled by configuration",
            null);
      }
      if (mode == ImpersonationProxyMode.AUTO && controlPlaneVisible()) {
        stop();
        return strategy(
            StrategyStatus.ERROR,
            StrategyReason.DISABLED,
            "automatically determined that impersonation proxy should be disabled",
            null);
      }
      ensureRunning();
      Optional<ProxyEndpoint> endpoint = endpoint(spec);
      if (endpoint.isEmpty()) {
        signer.clear();
        certificates.deleteServingCertificate(config.impersonationProxy().tlsSecretName());
        return strategy(
            StrategyStatus.ERROR,
            StrategyReason.PENDING,
            "waiting for load balancer Service to be assigned IP or hostname",
            null);
      }
      String caPem = loadServingCertificate(spec == null ? null : spec.tls(), endpoint.get());
      signer.set(certificates.signerCa(config.impersonationProxy().signerSecretName()));
      return strategy(
          StrategyStatus.SUCCESS,
          StrategyReason.LISTENING,
          "impersonation proxy is ready to accept client connections",
          new CredentialIssuerFrontend(
              FrontendType.IMPERSONATION_PROXY,
              null,
              new ImpersonationProxyInfo(
                  "https://" + endpoint.get().clientEndpoint(),
                  Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8)))));
    } catch (RuntimeException e) {
      LOG.warnf("the impersonation proxy is not ready: %s", e.getMessage());
      signer.clear();
      return strategy(StrategyStatus.ERROR, StrategyReason.ERROR_DURING_SETUP, message(e), null);
    }
  }

  /** The port the proxy listens on, while it runs. */
  public OptionalInt port() {
    ImpersonationProxy running = proxy;
    return running == null ? OptionalInt.empty() : OptionalInt.of(running.port());
  }

  /** Whether a Service of this name is one the configurator manages. */
  public boolean ownsService(String name) {
    return services.owns(name);
  }

  @Override
  public void close() {
    stopProxy();
  }

  private boolean controlPlaneVisible() {
    if (controlPlaneVisible == null) {
      // Nodes change rarely; Pinniped decides once, too.
      controlPlaneVisible = ControlPlaneNodes.visible(client);
    }
    return controlPlaneVisible;
  }

  private Optional<ProxyEndpoint> endpoint(@Nullable ImpersonationProxySpec spec) {
    String external = spec == null ? null : spec.externalEndpoint();
    if (external != null && !external.isEmpty()) {
      services.deleteAll();
      return Optional.of(ProxyEndpoint.of(external));
    }
    return services.ensure(
        spec == null || spec.service() == null ? DEFAULT_SERVICE : spec.service());
  }

  /** Loads the serving certificate; returns the CA bundle clients must trust. */
  private String loadServingCertificate(
      @Nullable ImpersonationProxyTLSSpec tls, ProxyEndpoint endpoint) {
    String generatedSecret = config.impersonationProxy().tlsSecretName();
    if (tls != null && tls.secretName() != null && !tls.secretName().isEmpty()) {
      ProxyCertificates.ProvidedCertificate provided =
          certificates.provided(tls.secretName(), tls.certificateAuthorityData());
      servingKeys.set(provided.serving());
      if (!tls.secretName().equals(generatedSecret)) {
        certificates.deleteServingCertificate(generatedSecret);
      }
      return provided.caPem();
    }
    CertificateAuthority ca = certificates.servingCa(config.impersonationProxy().caSecretName());
    IssuedCertificate serving = certificates.servingCertificate(generatedSecret, ca, endpoint);
    servingKeys.set(serving);
    return ca.certificatePem();
  }

  private void ensureRunning() {
    if (proxy != null) {
      return;
    }
    ConciergeConfig.ImpersonationProxy settings = config.impersonationProxy();
    KubeApiTarget target;
    if (settings.kubeconfig() != null) {
      target = KubeApiTarget.fromKubeconfig(settings.kubeconfig());
    } else {
      ServiceAccountTokens started =
          ServiceAccountTokens.start(
              client, config.namespace(), settings.serviceAccountName(), clock);
      tokens = started;
      target = KubeApiTarget.fromClient(client, started);
    }
    try {
      proxy =
          ImpersonationProxy.start(
              vertx,
              config.bindAddress(),
              settings.port(),
              servingKeys,
              this::trustedClientCas,
              authenticators,
              client,
              target,
              clock);
      LOG.infof("started the impersonation proxy, forwarding to %s", target.server());
    } catch (RuntimeException e) {
      stopProxy();
      throw e;
    }
  }

  private List<X509Certificate> trustedClientCas() {
    List<X509Certificate> cas = new ArrayList<>(otherClientCas.get());
    signer.certificate().ifPresent(cas::add);
    return cas;
  }

  /** Stops the proxy and removes what exists only for it. */
  private void stop() {
    signer.clear();
    stopProxy();
    services.deleteAll();
    certificates.deleteServingCertificate(config.impersonationProxy().tlsSecretName());
  }

  private void stopProxy() {
    ImpersonationProxy running = proxy;
    proxy = null;
    if (running != null) {
      running.close();
      LOG.info("stopped the impersonation proxy");
    }
    ServiceAccountTokens current = tokens;
    tokens = null;
    if (current != null) {
      current.close();
    }
  }

  private CredentialIssuerStrategy strategy(
      StrategyStatus status,
      StrategyReason reason,
      String message,
      @Nullable CredentialIssuerFrontend frontend) {
    return new CredentialIssuerStrategy(
        StrategyType.IMPERSONATION_PROXY,
        status,
        reason,
        message,
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)),
        frontend);
  }

  private static String message(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
  }
}

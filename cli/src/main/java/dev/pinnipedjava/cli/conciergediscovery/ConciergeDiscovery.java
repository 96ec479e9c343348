package dev.pinnipedjava.cli.conciergediscovery;

import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTAuthenticatorSpec;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.TLSSpec;
import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuerFrontend;
import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuerStrategy;
import dev.pinnipedjava.api.concierge.config.v1alpha1.ImpersonationProxyInfo;
import dev.pinnipedjava.api.concierge.config.v1alpha1.StrategyReason;
import dev.pinnipedjava.api.concierge.config.v1alpha1.StrategyStatus;
import dev.pinnipedjava.cli.concierge.ApiGroupSuffix;
import dev.pinnipedjava.cli.conciergediscovery.ConciergeObjects.CredentialIssuerObject;
import dev.pinnipedjava.cli.conciergediscovery.ConciergeObjects.JwtAuthenticatorObject;
import dev.pinnipedjava.cli.conciergediscovery.ConciergeObjects.WebhookAuthenticatorObject;
import dev.pinnipedjava.cli.conciergediscovery.DiscoveredConcierge.JwtIssuer;
import dev.pinnipedjava.cli.diagnostics.InfoLog;
import dev.pinnipedjava.cli.http.Pem;
import dev.pinnipedjava.cli.kubeclient.KubeApiClient;
import dev.pinnipedjava.cli.kubeclient.KubeApiException;
import dev.pinnipedjava.cli.timing.Deadline;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Pinniped's {@code get kubeconfig} discovery of the Concierge: the CredentialIssuer (the only one
 * unless named; waiting while a strategy is pending), its first working frontend matching the mode,
 * the authenticator (the only JWT or webhook authenticator unless named), and for a
 * JWTAuthenticator its issuer, audience and CA bundle (inline, or from the Secret or ConfigMap it
 * names in the Concierge's namespace).
 */
public final class ConciergeDiscovery {

  /** How often a pending CredentialIssuer is read again. */
  static final Duration PENDING_POLL_INTERVAL = Duration.ofSeconds(2);

  private final ConciergeApi api;
  private final Deadline deadline;
  private final InfoLog log;

  public ConciergeDiscovery(
      KubeApiClient api, ApiGroupSuffix suffix, Deadline deadline, InfoLog log) {
    this.api = new ConciergeApi(api, suffix, deadline);
    this.deadline = deadline;
    this.log = log;
  }

  /**
   * Discovers everything the query leaves open.
   *
   * @param clusterServer the server of the kubeconfig's cluster (the TokenCredentialRequest API)
   * @param clusterCaPem the kubeconfig cluster's CA bundle
   */
  public DiscoveredConcierge discover(
      ConciergeQuery query, String clusterServer, String clusterCaPem)
      throws ConciergeDiscoveryException, InterruptedException {
    CredentialIssuerObject issuer = awaitCredentialIssuer(query);
    Authenticator authenticator = lookupAuthenticator(query);
    CredentialIssuerFrontend frontend = frontend(issuer, query.mode());
    ConciergeMode mode =
        query
            .mode()
            .orElseGet(
                () -> {
                  ConciergeMode discovered =
                      ConciergeMode.of(frontend.type()).orElseThrow(IllegalStateException::new);
                  log.log(
                      discovered == ConciergeMode.IMPERSONATION_PROXY
                          ? "discovered Concierge operating in impersonation proxy mode"
                          : "discovered Concierge operating in TokenCredentialRequest API mode");
                  return discovered;
                });
    ImpersonationProxyInfo proxy = frontend.impersonationProxyInfo();
    boolean impersonation = frontend.type() == ConciergeMode.IMPERSONATION_PROXY.frontend();
    String endpoint = query.endpoint();
    if (endpoint.isEmpty()) {
      endpoint = impersonation && proxy != null ? proxy.endpoint() : clusterServer;
      log.log("discovered Concierge endpoint", "endpoint", endpoint);
    }
    String caBundle = query.caBundlePem();
    if (caBundle.isEmpty()) {
      if (impersonation && proxy != null) {
        try {
          caBundle =
              new String(
                  Base64.getDecoder().decode(proxy.certificateAuthorityData()),
                  StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
          throw new ConciergeDiscoveryException(
              "autodiscovered Concierge CA bundle is invalid: " + e.getMessage(), e);
        }
      } else {
        caBundle = clusterCaPem;
      }
      log.log(
          "discovered Concierge certificate authority bundle",
          "roots",
          countCertificates(caBundle));
    }

    String type = query.authenticatorType();
    String name = query.authenticatorName();
    if (type.isEmpty()) {
      type = authenticator.type();
    }
    if (name.isEmpty()) {
      name = authenticator.name();
    }
    Optional<JwtIssuer> jwt = Optional.empty();
    if (authenticator instanceof Authenticator.Jwt j) {
      jwt = Optional.of(jwtIssuer(j, query.oidcCaBundleWanted()));
    }
    return new DiscoveredConcierge(mode, endpoint, caBundle, type, name, jwt);
  }

  private CredentialIssuerObject awaitCredentialIssuer(ConciergeQuery query)
      throws ConciergeDiscoveryException, InterruptedException {
    CredentialIssuerObject issuer = lookupCredentialIssuer(query.credentialIssuer());
    int attempts = 1;
    while (!query.skipWait() && hasPendingStrategy(issuer)) {
      logStrategies(issuer);
      log.log(
          "waiting for CredentialIssuer pending strategies to finish",
          "attempts",
          attempts,
          "remaining",
          deadline.remaining().toSeconds() + "s");
      ConciergeDiscoveryException timedOut =
          new ConciergeDiscoveryException(
              "timed out waiting for the pending strategies of CredentialIssuer \"%s\" to finish"
                  .formatted(issuer.metadata().nameOrEmpty()));
      if (!deadline.pause(PENDING_POLL_INTERVAL)) {
        throw timedOut;
      }
      try {
        issuer = lookupCredentialIssuer(query.credentialIssuer());
      } catch (ConciergeDiscoveryException e) {
        // A read cut short by the deadline is the wait timing out, not a failing cluster.
        throw deadline.passed() ? timedOut : e;
      }
      attempts++;
    }
    return issuer;
  }

  private CredentialIssuerObject lookupCredentialIssuer(String name)
      throws ConciergeDiscoveryException {
    if (!name.isEmpty()) {
      try {
        return api.credentialIssuer(name);
      } catch (KubeApiException e) {
        throw new ConciergeDiscoveryException(String.valueOf(e.getMessage()), e);
      }
    }
    List<CredentialIssuerObject> issuers;
    try {
      issuers = api.credentialIssuers();
    } catch (KubeApiException e) {
      throw new ConciergeDiscoveryException(
          "failed to list CredentialIssuer objects for autodiscovery: " + e.getMessage(), e);
    }
    if (issuers.isEmpty()) {
      throw new ConciergeDiscoveryException("no CredentialIssuers were found");
    }
    if (issuers.size() > 1) {
      throw new ConciergeDiscoveryException(
          "multiple CredentialIssuers were found, so the --concierge-credential-issuer flag must be"
              + " specified");
    }
    log.log("discovered CredentialIssuer", "name", issuers.get(0).metadata().nameOrEmpty());
    return issuers.get(0);
  }

  private static boolean hasPendingStrategy(CredentialIssuerObject issuer) {
    return issuer.strategies().stream().anyMatch(s -> s.reason() == StrategyReason.PENDING);
  }

  private void logStrategies(CredentialIssuerObject issuer) {
    for (CredentialIssuerStrategy strategy : issuer.strategies()) {
      log.log(
          "found CredentialIssuer strategy",
          "type",
          strategy.type(),
          "status",
          strategy.status(),
          "reason",
          strategy.reason(),
          "message",
          strategy.message());
    }
  }

  /** The first working strategy's frontend of a known type that matches the mode. */
  private CredentialIssuerFrontend frontend(
      CredentialIssuerObject issuer, Optional<ConciergeMode> mode)
      throws ConciergeDiscoveryException {
    for (CredentialIssuerStrategy strategy : issuer.strategies()) {
      CredentialIssuerFrontend frontend = strategy.frontend();
      if (strategy.status() != StrategyStatus.SUCCESS
          || frontend == null
          || ConciergeMode.of(frontend.type()).isEmpty()
          || (mode.isPresent() && mode.get().frontend() != frontend.type())) {
        continue;
      }
      return frontend;
    }
    logStrategies(issuer);
    throw new ConciergeDiscoveryException(
        mode.map(
                m ->
                    "could not find successful Concierge strategy matching --concierge-mode="
                        + m.flagValue())
            .orElse("could not autodiscover --concierge-mode"));
  }

  /** A discovered authenticator. */
  private sealed interface Authenticator {
    String type();

    String name();

    record Webhook(String name) implements Authenticator {
      @Override
      public String type() {
        return "webhook";
      }
    }

    record Jwt(String name, @Nullable JWTAuthenticatorSpec spec) implements Authenticator {
      @Override
      public String type() {
        return "jwt";
      }
    }
  }

  private Authenticator lookupAuthenticator(ConciergeQuery query)
      throws ConciergeDiscoveryException {
    String type = query.authenticatorType();
    String name = query.authenticatorName();
    if (!type.isEmpty() && !name.isEmpty()) {
      try {
        return switch (type.toLowerCase(Locale.ROOT)) {
          case "webhook" -> webhook(api.webhookAuthenticator(name));
          case "jwt" -> jwt(api.jwtAuthenticator(name));
          default ->
              throw new ConciergeDiscoveryException(
                  "invalid authenticator type \"%s\", supported values are \"webhook\" and \"jwt\""
                      .formatted(type));
        };
      } catch (KubeApiException e) {
        throw new ConciergeDiscoveryException(String.valueOf(e.getMessage()), e);
      }
    }
    List<JwtAuthenticatorObject> jwts;
    List<WebhookAuthenticatorObject> webhooks;
    try {
      jwts = api.jwtAuthenticators();
    } catch (KubeApiException e) {
      throw new ConciergeDiscoveryException(
          "failed to list JWTAuthenticator objects for autodiscovery: " + e.getMessage(), e);
    }
    try {
      webhooks = api.webhookAuthenticators();
    } catch (KubeApiException e) {
      throw new ConciergeDiscoveryException(
          "failed to list WebhookAuthenticator objects for autodiscovery: " + e.getMessage(), e);
    }
    if (jwts.size() + webhooks.size() == 0) {
      throw new ConciergeDiscoveryException("no authenticators were found");
    }
    if (jwts.size() + webhooks.size() > 1) {
      jwts.forEach(j -> log.log("found JWTAuthenticator", "name", j.metadata().nameOrEmpty()));
      webhooks.forEach(
          w -> log.log("found WebhookAuthenticator", "name", w.metadata().nameOrEmpty()));
      throw new ConciergeDiscoveryException(
          "multiple authenticators were found, so the"
              + " --concierge-authenticator-type/--concierge-authenticator-name flags must be"
              + " specified");
    }
    Authenticator found = jwts.isEmpty() ? webhook(webhooks.get(0)) : jwt(jwts.get(0));
    log.log(
        found instanceof Authenticator.Jwt
            ? "discovered JWTAuthenticator"
            : "discovered WebhookAuthenticator",
        "name",
        found.name());
    return found;
  }

  private static Authenticator webhook(WebhookAuthenticatorObject object) {
    return new Authenticator.Webhook(object.metadata().nameOrEmpty());
  }

  private static Authenticator jwt(JwtAuthenticatorObject object) {
    return new Authenticator.Jwt(object.metadata().nameOrEmpty(), object.spec());
  }

  private JwtIssuer jwtIssuer(Authenticator.Jwt authenticator, boolean caBundleWanted)
      throws ConciergeDiscoveryException {
    JWTAuthenticatorSpec spec = authenticator.spec();
    String issuer = spec == null || spec.issuer() == null ? "" : spec.issuer();
    String audience = spec == null || spec.audience() == null ? "" : spec.audience();
    TLSSpec tls = spec == null ? null : spec.tls();
    String caBundle = "";
    if (caBundleWanted && tls != null) {
      caBundle = new OidcCaDiscovery(api, log).caBundle(authenticator.name(), tls);
    }
    return new JwtIssuer(issuer, audience, caBundle);
  }

  static int countCertificates(String pem) {
    try {
      return Pem.certificates(pem.getBytes(StandardCharsets.US_ASCII)).size();
    } catch (CertificateException | RuntimeException e) {
      return 0;
    }
  }
}

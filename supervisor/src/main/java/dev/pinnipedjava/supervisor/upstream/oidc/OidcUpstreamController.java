package dev.pinnipedjava.supervisor.upstream.oidc;

import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.pinnipedjava.api.condition.Phase;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.IdentityProviderStatus;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.OIDCAuthorizationConfig;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.OIDCClaims;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.OIDCIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.OIDCIdentityProviderSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.Parameter;
import dev.pinnipedjava.api.supervisor.oidc.OidcScopes;
import dev.pinnipedjava.controller.Controller;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.ResourceCache;
import dev.pinnipedjava.controller.SyncContext;
import dev.pinnipedjava.controller.Syncer;
import dev.pinnipedjava.controller.conditions.Conditions;
import dev.pinnipedjava.controller.conditions.DesiredCondition;
import dev.pinnipedjava.controller.conditions.StatusWriter;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.upstream.UpstreamControllers;
import dev.pinnipedjava.supervisor.upstream.UpstreamException;
import dev.pinnipedjava.supervisor.upstream.UpstreamRef;
import dev.pinnipedjava.supervisor.upstream.UpstreamRegistry;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsConfiguration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Pinniped's OIDC upstream watcher: validates every OIDCIdentityProvider (client credentials
 * Secret, TLS configuration, OIDC discovery, additional authorize parameters), writes its phase and
 * conditions, and publishes the valid ones to the {@link UpstreamRegistry}. Invalid ones are tried
 * again after {@link #RETRY_INVALID}, since an unreachable issuer may come back.
 */
public final class OidcUpstreamController implements Syncer {
  private static final Logger LOG = Logger.getLogger(OidcUpstreamController.class);

  public static final String NAME = "oidc-upstream-observer";

  public static final String CLIENT_SECRET_TYPE = "secrets.pinniped.dev/oidc-client";
  public static final String CLIENT_ID_KEY = "clientID";
  public static final String CLIENT_SECRET_KEY = "clientSecret";

  public static final String TYPE_CLIENT_CREDENTIALS_SECRET_VALID = "ClientCredentialsSecretValid";
  public static final String TYPE_ADDITIONAL_AUTHORIZE_PARAMETERS_VALID =
      "AdditionalAuthorizeParametersValid";
  public static final String TYPE_OIDC_DISCOVERY_SUCCEEDED = "OIDCDiscoverySucceeded";

  public static final String REASON_UNREACHABLE = "Unreachable";
  public static final String REASON_INVALID_RESPONSE = "InvalidResponse";
  public static final String REASON_DISALLOWED_PARAMETER_NAME = "DisallowedParameterName";
  public static final String REASON_SECRET_NOT_FOUND = "SecretNotFound";
  public static final String REASON_SECRET_WRONG_TYPE = "SecretWrongType";
  public static final String REASON_SECRET_MISSING_KEYS = "SecretMissingKeys";
  public static final String REASON_UNABLE_TO_VALIDATE = "UnableToValidate";

  /**
   * Parameters Pinniped always sets itself in the upstream authorize request, and {@code hd}, which
   * is unsafe with Google until the ID token's {@code hd} claim is checked too.
   */
  static final Set<String> DISALLOWED_AUTHORIZE_PARAMETERS =
      Set.of(
          "response_type",
          "scope",
          "client_id",
          "state",
          "nonce",
          "code_challenge",
          "code_challenge_method",
          "redirect_uri",
          "hd");

  static final Duration RETRY_INVALID = Duration.ofSeconds(15);

  private static final Key ALL = Key.clusterScoped("all-oidc-identity-providers");

  private final ResourceCache<OIDCIdentityProvider> identityProviders;
  private final ResourceCache<Secret> secrets;
  private final UpstreamTlsConfiguration tls;
  private final OidcDiscovery discovery;
  private final StatusWriter statusWriter;
  private final UpstreamRegistry registry;
  private final Clock clock;

  public OidcUpstreamController(
      ResourceCache<OIDCIdentityProvider> identityProviders,
      ResourceCache<Secret> secrets,
      UpstreamTlsConfiguration tls,
      OidcDiscovery discovery,
      StatusWriter statusWriter,
      UpstreamRegistry registry,
      Clock clock) {
    this.identityProviders = identityProviders;
    this.secrets = secrets;
    this.tls = tls;
    this.discovery = discovery;
    this.statusWriter = statusWriter;
    this.registry = registry;
    this.clock = clock;
  }

  /** The controller: every event validates all OIDCIdentityProviders. */
  public static Controller controller(
      OidcUpstreamController syncer,
      ResourceCache<OIDCIdentityProvider> identityProviders,
      ResourceCache<Secret> secrets,
      ResourceCache<ConfigMap> configMaps) {
    return UpstreamControllers.validatingAll(
        NAME, syncer, ALL, identityProviders, secrets, configMaps, CLIENT_SECRET_TYPE);
  }

  @Override
  public void sync(SyncContext context) {
    List<OidcUpstreamProvider> valid = new ArrayList<>();
    boolean anyInvalid = false;
    List<String> failures = new ArrayList<>();
    for (OIDCIdentityProvider resource : identityProviders.list()) {
      Validation validation = validate(resource);
      try {
        writeStatus(resource, validation.conditions());
      } catch (KubernetesClientException e) {
        failures.add(Key.of(resource) + ": " + e.getMessage());
      }
      if (validation.provider() == null) {
        anyInvalid = true;
      } else {
        valid.add(validation.provider());
      }
    }
    registry.setProviders(IdentityProviderKind.OIDC, valid);
    if (!failures.isEmpty()) {
      throw new IllegalStateException("could not update status: " + String.join("; ", failures));
    }
    if (anyInvalid) {
      context.requeueAfter(RETRY_INVALID);
    }
  }

  record Validation(List<DesiredCondition> conditions, @Nullable OidcUpstreamProvider provider) {}

  private record ClientCredentials(
      ClientID clientId, com.nimbusds.oauth2.sdk.auth.Secret clientSecret) {
    @Override
    public String toString() {
      return "ClientCredentials[" + clientId + "]";
    }
  }

  Validation validate(OIDCIdentityProvider resource) {
    OIDCIdentityProviderSpec spec = resource.getSpec();
    String namespace = resource.getMetadata().getNamespace();
    List<DesiredCondition> conditions = new ArrayList<>();
    ClientCredentials[] credentials = new ClientCredentials[1];
    conditions.add(validateSecret(spec, namespace, credentials));

    UpstreamTlsConfiguration.Validated tlsValidated =
        tls.validate(spec == null ? null : spec.tls(), "spec.tls", namespace);
    OidcDiscovery.Discovered discovered = null;
    if (!tlsValidated.isValid()) {
      conditions.add(
          DesiredCondition.isUnknown(
              TYPE_OIDC_DISCOVERY_SUCCEEDED,
              REASON_UNABLE_TO_VALIDATE,
              "unable to validate; see other conditions for details"));
    } else {
      DiscoveryOutcome outcome = discover(spec == null ? "" : spec.issuer(), tlsValidated);
      conditions.add(outcome.condition());
      discovered = outcome.discovered();
    }
    conditions.add(tlsValidated.condition());

    OIDCAuthorizationConfig authorization = spec == null ? null : spec.authorizationConfig();
    Map<String, String> parameters = new LinkedHashMap<>();
    List<String> rejected = new ArrayList<>();
    if (authorization != null && authorization.additionalAuthorizeParameters() != null) {
      for (Parameter parameter : authorization.additionalAuthorizeParameters()) {
        if (DISALLOWED_AUTHORIZE_PARAMETERS.contains(parameter.name())) {
          rejected.add(parameter.name());
        } else {
          parameters.put(parameter.name(), parameter.value() == null ? "" : parameter.value());
        }
      }
    }
    conditions.add(
        rejected.isEmpty()
            ? DesiredCondition.isTrue(
                TYPE_ADDITIONAL_AUTHORIZE_PARAMETERS_VALID,
                Conditions.REASON_SUCCESS,
                "additionalAuthorizeParameters parameter names are allowed")
            : DesiredCondition.isFalse(
                TYPE_ADDITIONAL_AUTHORIZE_PARAMETERS_VALID,
                REASON_DISALLOWED_PARAMETER_NAME,
                "the following additionalAuthorizeParameters are not allowed: "
                    + String.join(",", rejected)));

    if (Conditions.anyFalse(conditions) || discovered == null || credentials[0] == null) {
      return new Validation(conditions, null);
    }
    OIDCClaims claims = spec.claims();
    OidcUpstreamProvider provider =
        new OidcUpstreamProvider(
            new UpstreamRef(
                IdentityProviderKind.OIDC,
                resource.getMetadata().getName(),
                resource.getMetadata().getUid()),
            credentials[0].clientId(),
            credentials[0].clientSecret(),
            scopes(authorization == null ? null : authorization.additionalScopes()),
            parameters,
            new OidcClaimsMapping(
                claims == null ? null : emptyToNull(claims.username()),
                claims == null ? null : emptyToNull(claims.groups()),
                claims == null || claims.additionalClaimMappings() == null
                    ? Map.of()
                    : claims.additionalClaimMappings()),
            authorization != null && Boolean.TRUE.equals(authorization.allowPasswordGrant()),
            discovered);
    return new Validation(conditions, provider);
  }

  private static @Nullable String emptyToNull(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /** Pinniped's scopes: the defaults, or openid plus the additional ones, sorted and unique. */
  static List<String> scopes(@Nullable List<String> additional) {
    if (additional == null || additional.isEmpty()) {
      return List.of(
          OidcScopes.OPENID, OidcScopes.OFFLINE_ACCESS, OidcScopes.EMAIL, OidcScopes.PROFILE);
    }
    TreeSet<String> scopes = new TreeSet<>(additional);
    scopes.add(OidcScopes.OPENID);
    return List.copyOf(scopes);
  }

  private DesiredCondition validateSecret(
      @Nullable OIDCIdentityProviderSpec spec, String namespace, ClientCredentials[] out) {
    String name = spec == null || spec.client() == null ? "" : spec.client().secretName();
    Secret secret =
        name.isEmpty() ? null : secrets.get(Key.namespaced(namespace, name)).orElse(null);
    if (secret == null) {
      return DesiredCondition.isFalse(
          TYPE_CLIENT_CREDENTIALS_SECRET_VALID,
          REASON_SECRET_NOT_FOUND,
          "secret \"" + name + "\" not found");
    }
    if (!CLIENT_SECRET_TYPE.equals(secret.getType())) {
      return DesiredCondition.isFalse(
          TYPE_CLIENT_CREDENTIALS_SECRET_VALID,
          REASON_SECRET_WRONG_TYPE,
          "referenced Secret \"%s\" has wrong type \"%s\" (should be \"%s\")"
              .formatted(name, secret.getType(), CLIENT_SECRET_TYPE));
    }
    String clientId = data(secret, CLIENT_ID_KEY);
    String clientSecret = data(secret, CLIENT_SECRET_KEY);
    if (clientId.isEmpty() || clientSecret.isEmpty()) {
      return DesiredCondition.isFalse(
          TYPE_CLIENT_CREDENTIALS_SECRET_VALID,
          REASON_SECRET_MISSING_KEYS,
          "referenced Secret \"%s\" is missing required keys [\"%s\" \"%s\"]"
              .formatted(name, CLIENT_ID_KEY, CLIENT_SECRET_KEY));
    }
    out[0] =
        new ClientCredentials(
            new ClientID(clientId), new com.nimbusds.oauth2.sdk.auth.Secret(clientSecret));
    return DesiredCondition.isTrue(
        TYPE_CLIENT_CREDENTIALS_SECRET_VALID,
        Conditions.REASON_SUCCESS,
        "loaded client credentials");
  }

  private static String data(Secret secret, String key) {
    Map<String, String> data = secret.getData();
    String encoded = data == null ? null : data.get(key);
    if (encoded == null) {
      return "";
    }
    try {
      return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private record DiscoveryOutcome(
      DesiredCondition condition, OidcDiscovery.@Nullable Discovered discovered) {}

  private DiscoveryOutcome discover(
      String issuer, UpstreamTlsConfiguration.Validated tlsValidated) {
    DesiredCondition issuerProblem = httpsUrlProblem(issuer, "issuer", REASON_UNREACHABLE);
    if (issuerProblem != null) {
      return new DiscoveryOutcome(issuerProblem, null);
    }
    OidcDiscovery.Discovered discovered;
    try {
      discovered =
          discovery.discover(issuer, java.util.Objects.requireNonNull(tlsValidated.trust()));
    } catch (UpstreamException e) {
      LOG.debugf("OIDC discovery of %s failed: %s", issuer, e.getMessage());
      return new DiscoveryOutcome(
          DesiredCondition.isFalse(
              TYPE_OIDC_DISCOVERY_SUCCEEDED,
              REASON_UNREACHABLE,
              "failed to perform OIDC discovery against \"%s\":\n%s"
                  .formatted(issuer, truncate(e.getMessage()))),
          null);
    }
    URI revocation = discovered.metadata().getRevocationEndpointURI();
    if (revocation != null) {
      DesiredCondition problem =
          httpsUrlProblem(revocation.toString(), "revocation endpoint", REASON_INVALID_RESPONSE);
      if (problem != null) {
        return new DiscoveryOutcome(problem, null);
      }
    }
    for (Map.Entry<String, @Nullable URI> endpoint :
        endpoints(
                discovered.metadata().getAuthorizationEndpointURI(),
                discovered.metadata().getTokenEndpointURI())
            .entrySet()) {
      DesiredCondition problem =
          httpsUrlProblem(
              endpoint.getValue() == null ? "" : endpoint.getValue().toString(),
              endpoint.getKey(),
              REASON_INVALID_RESPONSE);
      if (problem != null) {
        return new DiscoveryOutcome(problem, null);
      }
    }
    return new DiscoveryOutcome(
        DesiredCondition.isTrue(
            TYPE_OIDC_DISCOVERY_SUCCEEDED,
            Conditions.REASON_SUCCESS,
            "discovered issuer configuration"),
        discovered);
  }

  private static Map<String, @Nullable URI> endpoints(
      @Nullable URI authorization, @Nullable URI token) {
    Map<String, @Nullable URI> endpoints = new LinkedHashMap<>();
    endpoints.put("authorization endpoint", authorization);
    endpoints.put("token endpoint", token);
    return endpoints;
  }

  private static @Nullable DesiredCondition httpsUrlProblem(
      String url, String what, String reason) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return DesiredCondition.isFalse(
          TYPE_OIDC_DISCOVERY_SUCCEEDED,
          reason,
          "failed to parse %s URL: %s".formatted(what, truncate(e.getMessage())));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    if (!"https".equals(scheme)) {
      return DesiredCondition.isFalse(
          TYPE_OIDC_DISCOVERY_SUCCEEDED,
          reason,
          "%s URL '%s' must have \"https\" scheme, not \"%s\"".formatted(what, url, scheme));
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return DesiredCondition.isFalse(
          TYPE_OIDC_DISCOVERY_SUCCEEDED,
          reason,
          "%s URL '%s' cannot contain query or fragment component".formatted(what, url));
    }
    return null;
  }

  /** As Pinniped's TruncateMostLongErr: long errors are cut, keeping their start. */
  private static String truncate(@Nullable String message) {
    String text = message == null ? "" : message;
    int max = 300;
    return text.length() <= max
        ? text
        : text.substring(0, max) + " [truncated " + (text.length() - max) + " chars]";
  }

  private void writeStatus(OIDCIdentityProvider resource, List<DesiredCondition> conditions) {
    IdentityProviderStatus current = resource.getStatus();
    Long generation = resource.getMetadata().getGeneration();
    IdentityProviderStatus desired =
        new IdentityProviderStatus(
            Conditions.anyFalse(conditions) ? Phase.ERROR : Phase.READY,
            Conditions.merge(
                conditions,
                current == null ? null : current.conditions(),
                generation == null ? 0 : generation,
                clock.instant()));
    statusWriter.writeIfChanged(resource, current, desired);
  }
}

package dev.pinnipedjava.supervisor.upstream.github;

import dev.pinnipedjava.api.condition.Phase;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubAPIConfig;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubAllowAuthenticationSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubAllowedAuthOrganizationsPolicy;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubClaims;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubGroupNameAttribute;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubIdentityProviderSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubOrganizationsSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubUsernameAttribute;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.IdentityProviderStatus;
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
import dev.pinnipedjava.supervisor.upstream.UpstreamRef;
import dev.pinnipedjava.supervisor.upstream.UpstreamRegistry;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsConfiguration;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsTrust;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Pinniped's GitHub upstream watcher: validates every GitHubIdentityProvider (client credentials
 * Secret, claims, organizations policy, host, TLS configuration, a TLS connection to the host),
 * writes its phase and its six conditions with Pinniped's reasons and messages, and publishes the
 * valid ones to the {@link UpstreamRegistry}. A host that cannot be reached is tried again after
 * {@link #RETRY_UNREACHABLE}; configuration errors wait for the next change.
 */
public final class GitHubUpstreamController implements Syncer {
  private static final Logger LOG = Logger.getLogger(GitHubUpstreamController.class);

  public static final String NAME = "github-upstream-observer";

  public static final String CLIENT_SECRET_TYPE = "secrets.pinniped.dev/github-client";
  public static final String CLIENT_ID_KEY = "clientID";
  public static final String CLIENT_SECRET_KEY = "clientSecret";

  public static final String TYPE_HOST_VALID = "HostValid";
  public static final String TYPE_ORGANIZATIONS_POLICY_VALID = "OrganizationsPolicyValid";
  public static final String TYPE_CLIENT_CREDENTIALS_SECRET_VALID = "ClientCredentialsSecretValid";
  public static final String TYPE_GITHUB_CONNECTION_VALID = "GitHubConnectionValid";
  public static final String TYPE_CLAIMS_VALID = "ClaimsValid";

  public static final String REASON_INVALID = "Invalid";
  public static final String REASON_INVALID_HOST = "InvalidHost";
  public static final String REASON_SECRET_NOT_FOUND = "SecretNotFound";
  public static final String REASON_UNABLE_TO_DIAL_SERVER = "UnableToDialServer";
  public static final String REASON_UNABLE_TO_VALIDATE = "UnableToValidate";

  static final Duration RETRY_UNREACHABLE = Duration.ofSeconds(15);

  private static final Key ALL = Key.clusterScoped("all-github-identity-providers");

  private final ResourceCache<GitHubIdentityProvider> identityProviders;
  private final ResourceCache<Secret> secrets;
  private final UpstreamTlsConfiguration tls;
  private final GitHubConnectionCheck connections = new GitHubConnectionCheck();

  /**
   * One HTTP client per GitHub and trust, kept across syncs: each holds threads and connections.
   */
  private final Map<String, GitHubApi> apis = new ConcurrentHashMap<>();

  private final StatusWriter statusWriter;
  private final UpstreamRegistry registry;
  private final Clock clock;

  public GitHubUpstreamController(
      ResourceCache<GitHubIdentityProvider> identityProviders,
      ResourceCache<Secret> secrets,
      UpstreamTlsConfiguration tls,
      StatusWriter statusWriter,
      UpstreamRegistry registry,
      Clock clock) {
    this.identityProviders = identityProviders;
    this.secrets = secrets;
    this.tls = tls;
    this.statusWriter = statusWriter;
    this.registry = registry;
    this.clock = clock;
  }

  /** The controller: every event validates all GitHubIdentityProviders. */
  public static Controller controller(
      GitHubUpstreamController syncer,
      ResourceCache<GitHubIdentityProvider> identityProviders,
      ResourceCache<Secret> secrets,
      ResourceCache<ConfigMap> configMaps) {
    return UpstreamControllers.validatingAll(
        NAME, syncer, ALL, identityProviders, secrets, configMaps, CLIENT_SECRET_TYPE);
  }

  @Override
  public void sync(SyncContext context) {
    List<GitHubUpstreamProvider> valid = new ArrayList<>();
    boolean anyUnreachable = false;
    List<String> failures = new ArrayList<>();
    List<GitHubIdentityProvider> resources = new ArrayList<>(identityProviders.list());
    // By name, so that the logs come in the same order every time.
    resources.sort(Comparator.comparing(resource -> resource.getMetadata().getName()));
    for (GitHubIdentityProvider resource : resources) {
      Validation validation = validate(resource);
      try {
        writeStatus(resource, validation.conditions());
      } catch (KubernetesClientException e) {
        failures.add(Key.of(resource) + ": " + e.getMessage());
      }
      anyUnreachable |= validation.unreachable();
      if (validation.provider() != null) {
        valid.add(validation.provider());
      }
    }
    registry.setProviders(IdentityProviderKind.GITHUB, valid);
    if (!failures.isEmpty()) {
      throw new IllegalStateException("could not update status: " + String.join("; ", failures));
    }
    if (anyUnreachable) {
      context.requeueAfter(RETRY_UNREACHABLE);
    }
  }

  /**
   * @param unreachable whether the host could not be dialled, which may pass
   */
  record Validation(
      List<DesiredCondition> conditions,
      @Nullable GitHubUpstreamProvider provider,
      boolean unreachable) {}

  Validation validate(GitHubIdentityProvider resource) {
    GitHubIdentityProviderSpec spec = resource.getSpec();
    String namespace = resource.getMetadata().getNamespace();
    List<DesiredCondition> conditions = new ArrayList<>();

    String secretName = spec == null || spec.client() == null ? "" : spec.client().secretName();
    ClientCredentials[] credentials = new ClientCredentials[1];
    conditions.add(validateSecret(secretName, namespace, credentials));

    GitHubClaims claims = spec == null ? null : spec.claims();
    GitHubUsernameAttribute usernameAttribute =
        claims == null || claims.username() == null
            ? GitHubUsernameAttribute.LOGIN_AND_ID
            : claims.username();
    GitHubGroupNameAttribute groupNameAttribute =
        claims == null || claims.groups() == null ? GitHubGroupNameAttribute.SLUG : claims.groups();
    conditions.add(
        DesiredCondition.isTrue(
            TYPE_CLAIMS_VALID, Conditions.REASON_SUCCESS, "spec.claims are valid"));

    GitHubAllowAuthenticationSpec allow = spec == null ? null : spec.allowAuthentication();
    GitHubOrganizationsSpec organizations = allow == null ? null : allow.organizations();
    List<String> allowed =
        organizations == null || organizations.allowed() == null
            ? List.of()
            : List.copyOf(organizations.allowed());
    conditions.add(
        validateOrganizationsPolicy(
            organizations == null || organizations.policy() == null
                ? GitHubAllowedAuthOrganizationsPolicy.ONLY_USERS_FROM_ALLOWED_ORGANIZATIONS
                : organizations.policy(),
            allowed));

    GitHubAPIConfig apiConfig = spec == null ? null : spec.githubAPI();
    String hostText =
        apiConfig == null || apiConfig.host() == null ? GitHubHost.GITHUB_COM : apiConfig.host();
    GitHubHost host = null;
    try {
      host = GitHubHost.parse(hostText);
      conditions.add(
          DesiredCondition.isTrue(
              TYPE_HOST_VALID,
              Conditions.REASON_SUCCESS,
              "spec.githubAPI.host (%s) is valid".formatted(quote(hostText))));
    } catch (IllegalArgumentException e) {
      conditions.add(
          DesiredCondition.isFalse(
              TYPE_HOST_VALID,
              REASON_INVALID_HOST,
              "spec.githubAPI.host (%s) is not valid: %s"
                  .formatted(quote(hostText), e.getMessage())));
    }

    UpstreamTlsConfiguration.Validated tlsValidated =
        tls.validate(apiConfig == null ? null : apiConfig.tls(), "spec.githubAPI.tls", namespace);
    conditions.add(tlsValidated.condition());

    UpstreamTlsTrust trust = tlsValidated.trust();
    boolean unreachable = false;
    if (host == null || trust == null) {
      conditions.add(
          DesiredCondition.isUnknown(
              TYPE_GITHUB_CONNECTION_VALID,
              REASON_UNABLE_TO_VALIDATE,
              "unable to validate; see other conditions for details"));
    } else {
      try {
        connections.check(host, trust);
        conditions.add(
            DesiredCondition.isTrue(
                TYPE_GITHUB_CONNECTION_VALID,
                Conditions.REASON_SUCCESS,
                "spec.githubAPI.host (%s) is reachable and TLS verification succeeds"
                    .formatted(quote(host.address()))));
      } catch (IOException e) {
        unreachable = true;
        LOG.debugf("dialling %s failed: %s", host.address(), e);
        conditions.add(
            DesiredCondition.isFalse(
                TYPE_GITHUB_CONNECTION_VALID,
                REASON_UNABLE_TO_DIAL_SERVER,
                "cannot dial server spec.githubAPI.host (%s): %s"
                    .formatted(quote(host.address()), dialError(e))));
      }
    }

    if (Conditions.anyFalse(conditions)
        || host == null
        || trust == null
        || credentials[0] == null) {
      return new Validation(conditions, null, unreachable);
    }
    GitHubHost validHost = host;
    GitHubUpstreamProvider provider =
        new GitHubUpstreamProvider(
            new UpstreamRef(
                IdentityProviderKind.GITHUB,
                resource.getMetadata().getName(),
                resource.getMetadata().getUid()),
            validHost,
            credentials[0],
            usernameAttribute,
            groupNameAttribute,
            allowed,
            apis.computeIfAbsent(
                validHost.address() + "/" + trust.hash(), key -> new GitHubApi(validHost, trust)));
    return new Validation(conditions, provider, false);
  }

  private static DesiredCondition validateOrganizationsPolicy(
      GitHubAllowedAuthOrganizationsPolicy policy, List<String> allowed) {
    boolean consistent =
        (policy == GitHubAllowedAuthOrganizationsPolicy.ALL_GITHUB_USERS && allowed.isEmpty())
            || (policy == GitHubAllowedAuthOrganizationsPolicy.ONLY_USERS_FROM_ALLOWED_ORGANIZATIONS
                && !allowed.isEmpty());
    if (consistent) {
      return DesiredCondition.isTrue(
          TYPE_ORGANIZATIONS_POLICY_VALID,
          Conditions.REASON_SUCCESS,
          "spec.allowAuthentication.organizations.policy (%s) is valid"
              .formatted(quote(wireName(policy))));
    }
    return DesiredCondition.isFalse(
        TYPE_ORGANIZATIONS_POLICY_VALID,
        REASON_INVALID,
        allowed.isEmpty()
            ? "spec.allowAuthentication.organizations.policy must be 'AllGitHubUsers' when"
                + " spec.allowAuthentication.organizations.allowed is empty"
            : "spec.allowAuthentication.organizations.policy must be"
                + " 'OnlyUsersFromAllowedOrganizations' when"
                + " spec.allowAuthentication.organizations.allowed has organizations listed");
  }

  private static String wireName(GitHubAllowedAuthOrganizationsPolicy policy) {
    return switch (policy) {
      case ALL_GITHUB_USERS -> "AllGitHubUsers";
      case ONLY_USERS_FROM_ALLOWED_ORGANIZATIONS -> "OnlyUsersFromAllowedOrganizations";
    };
  }

  private DesiredCondition validateSecret(String name, String namespace, ClientCredentials[] out) {
    Secret secret =
        name.isEmpty() ? null : secrets.get(Key.namespaced(namespace, name)).orElse(null);
    if (secret == null) {
      return secretInvalid("secret " + quote(name) + " not found", name, namespace);
    }
    if (!CLIENT_SECRET_TYPE.equals(secret.getType())) {
      return secretInvalid(
          "wrong secret type " + quote(String.valueOf(secret.getType())), name, namespace);
    }
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    String clientId = decoded(data.get(CLIENT_ID_KEY));
    if (clientId.isEmpty()) {
      return secretInvalid("missing key " + quote(CLIENT_ID_KEY), name, namespace);
    }
    String clientSecret = decoded(data.get(CLIENT_SECRET_KEY));
    if (clientSecret.isEmpty()) {
      return secretInvalid("missing key " + quote(CLIENT_SECRET_KEY), name, namespace);
    }
    if (data.size() != 2) {
      return secretInvalid("extra keys found", name, namespace);
    }
    out[0] = new ClientCredentials(clientId, clientSecret);
    return DesiredCondition.isTrue(
        TYPE_CLIENT_CREDENTIALS_SECRET_VALID,
        Conditions.REASON_SUCCESS,
        "clientID and clientSecret have been read from spec.client.SecretName (%s)"
            .formatted(quote(name)));
  }

  private static DesiredCondition secretInvalid(String problem, String name, String namespace) {
    return DesiredCondition.isFalse(
        TYPE_CLIENT_CREDENTIALS_SECRET_VALID,
        REASON_SECRET_NOT_FOUND,
        "%s: secret from spec.client.SecretName (%s) must be found in namespace %s with type %s and keys %s and %s"
            .formatted(
                problem,
                quote(name),
                quote(namespace),
                quote(CLIENT_SECRET_TYPE),
                quote(CLIENT_ID_KEY),
                quote(CLIENT_SECRET_KEY)));
  }

  private static String decoded(@Nullable String base64) {
    if (base64 == null) {
      return "";
    }
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** The reason a dial failed, without the stack: the exception's class and message. */
  private static String dialError(IOException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String text = e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    return text.length() <= 300 ? text : text.substring(0, 300) + " [truncated]";
  }

  /** As Go's {@code %q} of plain text. */
  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private void writeStatus(GitHubIdentityProvider resource, List<DesiredCondition> conditions) {
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

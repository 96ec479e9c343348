package dev.pinnipedjava.supervisor.upstream.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.api.condition.Phase;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.IdentityProviderStatus;
import dev.pinnipedjava.controller.Controller;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.ResourceCache;
import dev.pinnipedjava.controller.SyncContext;
import dev.pinnipedjava.controller.Syncer;
import dev.pinnipedjava.controller.conditions.Conditions;
import dev.pinnipedjava.controller.conditions.DesiredCondition;
import dev.pinnipedjava.controller.conditions.StatusWriter;
import dev.pinnipedjava.supervisor.upstream.UpstreamControllers;
import dev.pinnipedjava.supervisor.upstream.UpstreamRef;
import dev.pinnipedjava.supervisor.upstream.UpstreamRegistry;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsConfiguration;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsTrust;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Pinniped's LDAP and Active Directory upstream watchers: validates every resource of one {@link
 * DirectoryKind} (bind Secret, TLS configuration, a connection bound as the service account, over
 * LDAPS first and StartTLS second, and for Active Directory the search base), writes its phase and
 * conditions, and publishes the providers to the {@link UpstreamRegistry}. A successful probe is
 * remembered per resource generation, bind Secret resourceVersion and CA bundle, as Pinniped's
 * validated settings cache, so that only a change probes again; a provider whose directory was
 * unreachable is still published (logins then fail) and probed again after {@link #RETRY_INVALID}.
 */
public final class DirectoryUpstreamController<T extends CustomResource<?, IdentityProviderStatus>>
    implements Syncer, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DirectoryUpstreamController.class);

  public static final String TYPE_LDAP_CONNECTION_VALID = "LDAPConnectionValid";
  public static final String TYPE_SEARCH_BASE_FOUND = "SearchBaseFound";

  public static final String REASON_LDAP_CONNECTION_ERROR = "LDAPConnectionError";
  public static final String REASON_USING_CONFIGURATION_FROM_SPEC = "UsingConfigurationFromSpec";
  public static final String REASON_ERROR_FETCHING_SEARCH_BASE = "ErrorFetchingSearchBase";
  public static final String REASON_UNABLE_TO_VALIDATE = "UnableToValidate";

  public static final String DEFAULT_NAMING_CONTEXT = "defaultNamingContext";

  static final Duration RETRY_INVALID = Duration.ofSeconds(15);

  /** Ready providers are looked at again this often; the cache spares the directory. */
  static final Duration RESYNC = Duration.ofMinutes(3);

  private final DirectoryKind<T> kind;
  private final ResourceCache<T> resources;
  private final BindSecrets bindSecrets;
  private final UpstreamTlsConfiguration tls;
  private final StatusWriter statusWriter;
  private final UpstreamRegistry registry;
  private final Clock clock;
  private final Key all;

  /** Successful probes by resource UID. */
  private final Map<String, ValidatedSettings> validatedSettings = new HashMap<>();

  /** The published providers by resource UID, reused while their settings stay the same. */
  private final Map<String, Published> published = new HashMap<>();

  /** Providers withdrawn at the last sync, closed at the next. */
  private List<DirectoryProvider> retiredLastTime = List.of();

  public DirectoryUpstreamController(
      DirectoryKind<T> kind,
      ResourceCache<T> resources,
      ResourceCache<Secret> secrets,
      UpstreamTlsConfiguration tls,
      StatusWriter statusWriter,
      UpstreamRegistry registry,
      Clock clock) {
    this.kind = kind;
    this.resources = resources;
    this.bindSecrets = new BindSecrets(secrets);
    this.tls = tls;
    this.statusWriter = statusWriter;
    this.registry = registry;
    this.clock = clock;
    this.all = Key.clusterScoped("all-" + kind.kind().plural());
  }

  /** The controller: every event validates all resources of the kind. */
  public static <T extends CustomResource<?, IdentityProviderStatus>> Controller controller(
      DirectoryUpstreamController<T> syncer,
      ResourceCache<T> resources,
      ResourceCache<Secret> secrets,
      ResourceCache<ConfigMap> configMaps) {
    return UpstreamControllers.validatingAll(
        syncer.kind.controllerName(),
        syncer,
        syncer.all,
        resources,
        secrets,
        configMaps,
        BindSecrets.TYPE);
  }

  /** The settings a successful probe found, and what they were found for. */
  public record ValidatedSettings(
      long generation,
      String bindSecretVersion,
      String caHash,
      ConnectionProtocol protocol,
      @Nullable String defaultNamingContext) {}

  private record Published(ValidatedSettings settings, DirectoryProvider provider) {}

  /**
   * A resource's conditions and, unless one of them rules it out, its provider.
   *
   * @param settings what the provider was built with; null when no probe succeeded
   */
  public record Validation(
      List<DesiredCondition> conditions,
      @Nullable DirectoryConfig config,
      @Nullable ValidatedSettings settings) {}

  @Override
  public synchronized void sync(SyncContext context) {
    List<DirectoryProvider> valid = new ArrayList<>();
    Map<String, Published> stillPublished = new HashMap<>();
    List<DirectoryProvider> retired = new ArrayList<>();
    boolean anyNotReady = false;
    List<String> failures = new ArrayList<>();
    for (T resource : resources.list()) {
      Validation validation = validate(resource);
      try {
        writeStatus(resource, validation.conditions());
      } catch (KubernetesClientException e) {
        failures.add(Key.of(resource) + ": " + e.getMessage());
      }
      anyNotReady |= Conditions.anyFalse(validation.conditions());
      DirectoryConfig config = validation.config();
      if (config == null) {
        continue;
      }
      String uid = resource.getMetadata().getUid();
      UpstreamRef ref = new UpstreamRef(kind.kind(), resource.getMetadata().getName(), uid);
      Published previous = published.get(uid);
      DirectoryProvider provider;
      if (previous != null
          && validation.settings() != null
          && previous.settings().equals(validation.settings())
          && previous.provider().ref().equals(ref)) {
        provider = previous.provider();
      } else {
        provider = new DirectoryProvider(ref, config);
      }
      valid.add(provider);
      if (validation.settings() != null) {
        stillPublished.put(uid, new Published(validation.settings(), provider));
      } else {
        // Unvalidated (unreachable) providers are rebuilt each time, so none is kept.
        retired.add(provider);
      }
    }
    registry.setProviders(kind.kind(), valid);
    for (Map.Entry<String, Published> entry : published.entrySet()) {
      Published now = stillPublished.get(entry.getKey());
      if (now == null || now.provider() != entry.getValue().provider()) {
        retired.add(entry.getValue().provider());
      }
    }
    published.clear();
    published.putAll(stillPublished);
    // Providers no longer published are closed one sync later, when no login still uses them.
    retiredLastTime.forEach(DirectoryProvider::close);
    retiredLastTime = retired;
    validatedSettings.keySet().retainAll(stillPublished.keySet());
    if (!failures.isEmpty()) {
      throw new IllegalStateException("could not update status: " + String.join("; ", failures));
    }
    context.requeueAfter(anyNotReady ? RETRY_INVALID : RESYNC);
  }

  /** Validates one resource (probing its directory unless a probe of the same settings passed). */
  public Validation validate(T resource) {
    DirectorySpec spec = kind.spec(resource);
    String namespace = resource.getMetadata().getNamespace();
    String uid = resource.getMetadata().getUid();
    Long generationOrNull = resource.getMetadata().getGeneration();
    long generation = generationOrNull == null ? 0 : generationOrNull;
    List<DesiredCondition> conditions = new ArrayList<>();

    BindSecrets.BindSecret bindSecret = bindSecrets.read(spec.bindSecretName(), namespace);
    conditions.add(bindSecret.condition());
    UpstreamTlsConfiguration.Validated tlsValidated =
        tls.validate(spec.tls(), "spec.tls", namespace);
    conditions.add(tlsValidated.condition());
    BindCredentials credentials = bindSecret.credentials();
    UpstreamTlsTrust trust = tlsValidated.trust();
    if (credentials == null || trust == null) {
      conditions.add(
          DesiredCondition.isUnknown(
              TYPE_LDAP_CONNECTION_VALID,
              REASON_UNABLE_TO_VALIDATE,
              "unable to validate; see other conditions for details"));
      return new Validation(conditions, null, null);
    }

    ValidatedSettings cached = validatedSettings.get(uid);
    if (cached != null
        && cached.generation() == generation
        && cached.bindSecretVersion().equals(bindSecret.resourceVersion())
        && cached.caHash().equals(trust.hash())) {
      conditions.add(connectionValid(spec, credentials, bindSecret.resourceVersion()));
      DesiredCondition searchBase = searchBaseCondition(spec, cached.defaultNamingContext(), null);
      if (searchBase != null) {
        conditions.add(searchBase);
      }
      return new Validation(
          conditions,
          config(spec, cached.protocol(), trust, credentials, cached.defaultNamingContext()),
          cached);
    }

    DirectoryAddress address;
    try {
      address = DirectoryAddress.parse(spec.host(), ConnectionProtocol.TLS);
    } catch (IllegalArgumentException e) {
      conditions.add(connectionError(spec, credentials, e.getMessage()));
      return new Validation(conditions, null, null);
    }
    ConnectionProtocol protocol = ConnectionProtocol.TLS;
    LDAPException tlsError = probe(spec, ConnectionProtocol.TLS, trust, credentials);
    if (tlsError != null) {
      LOG.debugf(
          "probing %s over TLS failed, trying StartTLS: %s",
          Key.of(resource), tlsError.getMessage());
      if (probe(spec, ConnectionProtocol.START_TLS, trust, credentials) == null) {
        protocol = ConnectionProtocol.START_TLS;
        tlsError = null;
      }
    }
    if (tlsError != null) {
      conditions.add(connectionError(spec, credentials, tlsError.getMessage()));
      DesiredCondition searchBase = searchBaseCondition(spec, null, tlsError.getMessage());
      if (searchBase != null) {
        conditions.add(searchBase);
        if (searchBase.status() != ConditionStatus.TRUE) {
          return new Validation(conditions, null, null);
        }
      }
      // Unreachable for now: published anyway, so that logins fail as unreachable, as Pinniped's.
      return new Validation(conditions, config(spec, protocol, trust, credentials, null), null);
    }
    conditions.add(connectionValid(spec, credentials, bindSecret.resourceVersion()));

    String defaultNamingContext = null;
    String searchBaseError = null;
    if (kind.reportsSearchBase() && needsDefaultNamingContext(spec)) {
      try {
        defaultNamingContext =
            DirectoryConnections.of(DirectoryAddress.parse(spec.host(), protocol), protocol, trust)
                .rootDseAttribute(credentials, DEFAULT_NAMING_CONTEXT)
                .filter(value -> !value.isEmpty())
                .orElse(null);
        if (defaultNamingContext == null) {
          searchBaseError = "the RootDSE has no " + DEFAULT_NAMING_CONTEXT;
        }
      } catch (LDAPException e) {
        searchBaseError = "error searching for the RootDSE: " + e.getMessage();
      }
    }
    DesiredCondition searchBase = searchBaseCondition(spec, defaultNamingContext, searchBaseError);
    if (searchBase != null) {
      conditions.add(searchBase);
      if (searchBaseError != null) {
        return new Validation(conditions, null, null);
      }
    }
    ValidatedSettings settings =
        new ValidatedSettings(
            generation, bindSecret.resourceVersion(), trust.hash(), protocol, defaultNamingContext);
    validatedSettings.put(uid, settings);
    LOG.debugf("validated %s at %s over %s", Key.of(resource), address.spec(), protocol);
    return new Validation(
        conditions, config(spec, protocol, trust, credentials, defaultNamingContext), settings);
  }

  private @Nullable DirectoryConfig config(
      DirectorySpec spec,
      ConnectionProtocol protocol,
      UpstreamTlsTrust trust,
      BindCredentials credentials,
      @Nullable String defaultNamingContext) {
    DirectoryAddress address;
    try {
      address = DirectoryAddress.parse(spec.host(), protocol);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return kind.searches(spec, defaultNamingContext)
        .map(
            searches ->
                new DirectoryConfig(
                    address,
                    protocol,
                    trust,
                    credentials,
                    searches.user(),
                    searches.group(),
                    kind.dialect()))
        .orElse(null);
  }

  private static boolean needsDefaultNamingContext(DirectorySpec spec) {
    return spec.userSearchBase() == null || spec.groupSearchBase() == null;
  }

  /** The {@code SearchBaseFound} condition, for kinds that report it. */
  private @Nullable DesiredCondition searchBaseCondition(
      DirectorySpec spec, @Nullable String defaultNamingContext, @Nullable String error) {
    if (!kind.reportsSearchBase()) {
      return null;
    }
    if (!needsDefaultNamingContext(spec)) {
      return DesiredCondition.isTrue(
          TYPE_SEARCH_BASE_FOUND,
          REASON_USING_CONFIGURATION_FROM_SPEC,
          "Using search base from " + kind.kind().kind() + " config.");
    }
    if (defaultNamingContext != null) {
      return DesiredCondition.isTrue(
          TYPE_SEARCH_BASE_FOUND,
          Conditions.REASON_SUCCESS,
          "Successfully fetched defaultNamingContext to use as default search base from RootDSE.");
    }
    return DesiredCondition.isFalse(
        TYPE_SEARCH_BASE_FOUND,
        REASON_ERROR_FETCHING_SEARCH_BASE,
        Objects.requireNonNullElse(error, "could not fetch the search base"));
  }

  private static @Nullable LDAPException probe(
      DirectorySpec spec,
      ConnectionProtocol protocol,
      UpstreamTlsTrust trust,
      BindCredentials credentials) {
    try {
      DirectoryConnections.of(DirectoryAddress.parse(spec.host(), protocol), protocol, trust)
          .probe(credentials);
      return null;
    } catch (LDAPException e) {
      return e;
    }
  }

  private static DesiredCondition connectionValid(
      DirectorySpec spec, BindCredentials credentials, String secretVersion) {
    return DesiredCondition.isTrue(
        TYPE_LDAP_CONNECTION_VALID,
        Conditions.REASON_SUCCESS,
        "successfully able to connect to \"%s\" and bind as user \"%s\" [validated with Secret \"%s\" at version \"%s\"]"
            .formatted(spec.host(), credentials.username(), spec.bindSecretName(), secretVersion));
  }

  private static DesiredCondition connectionError(
      DirectorySpec spec, BindCredentials credentials, @Nullable String error) {
    return DesiredCondition.isFalse(
        TYPE_LDAP_CONNECTION_VALID,
        REASON_LDAP_CONNECTION_ERROR,
        "could not successfully connect to \"%s\" and bind as user \"%s\": %s"
            .formatted(spec.host(), credentials.username(), error));
  }

  private void writeStatus(T resource, List<DesiredCondition> conditions) {
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

  /** Closes every provider's connections. */
  @Override
  public synchronized void close() {
    published.values().forEach(p -> p.provider().close());
    published.clear();
    retiredLastTime.forEach(DirectoryProvider::close);
    retiredLastTime = List.of();
  }
}

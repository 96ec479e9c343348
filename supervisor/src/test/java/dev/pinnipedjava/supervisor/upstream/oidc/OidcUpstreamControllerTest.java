package dev.pinnipedjava.supervisor.upstream.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.CertificateAuthorityDataSourceKind;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.CertificateAuthorityDataSourceSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.OIDCAuthorizationConfig;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.OIDCIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.OIDCIdentityProviderClient;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.OIDCIdentityProviderSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.Parameter;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.TLSSpec;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.controller.InMemoryResourceCache;
import dev.pinnipedjava.controller.SyncContext;
import dev.pinnipedjava.controller.conditions.DesiredCondition;
import dev.pinnipedjava.controller.conditions.StatusWriter;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamRegistry;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsConfiguration;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsTrust;
import dev.pinnipedjava.testkit.clock.MutableClock;
import dev.pinnipedjava.testkit.dex.DexClient;
import dev.pinnipedjava.testkit.dex.DexConfig;
import dev.pinnipedjava.testkit.dex.DexServer;
import dev.pinnipedjava.testkit.dex.DexUser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OIDCIdentityProvider controller against a real Dex: every condition with Pinniped's reasons,
 * the phase, and which providers reach the registry with which flows.
 */
class OidcUpstreamControllerTest {
  private static final String NAMESPACE = "supervisor";
  private static DexServer dex;

  private final MutableClock clock = new MutableClock(Instant.now());
  private final InMemoryResourceCache<OIDCIdentityProvider> resources =
      InMemoryResourceCache.create();
  private final InMemoryResourceCache<Secret> secrets = InMemoryResourceCache.create();
  private final InMemoryResourceCache<ConfigMap> configMaps = InMemoryResourceCache.create();
  private final UpstreamRegistry registry = new UpstreamRegistry();
  private final List<String> statusPatches = new ArrayList<>();
  private OidcUpstreamController controller;

  @BeforeAll
  static void startDex() {
    dex =
        DexServer.start(
            DexConfig.builder()
                .user(DexUser.of("pinny", "password-123"))
                .client(
                    new DexClient("client", "secret", List.of(URI.create("https://127.0.0.1/cb"))))
                .build());
  }

  @AfterAll
  static void stopDex() {
    dex.close();
  }

  @BeforeEach
  void setUp() {
    controller =
        new OidcUpstreamController(
            resources,
            secrets,
            new UpstreamTlsConfiguration(secrets, configMaps),
            new OidcDiscovery(clock),
            new StatusWriter(
                (object, patch) -> statusPatches.add(patch), new KubernetesSerialization()),
            registry,
            clock);
    secrets.put(
        clientSecret(
            "client-credentials",
            "secrets.pinniped.dev/oidc-client",
            Map.of("clientID", "client", "clientSecret", "secret")));
    secrets.put(
        clientSecret(
            "wrong-type", "Opaque", Map.of("clientID", "client", "clientSecret", "secret")));
    secrets.put(
        clientSecret(
            "missing-keys", "secrets.pinniped.dev/oidc-client", Map.of("clientID", "client")));
    secrets.put(clientSecret("ca-secret", "Opaque", Map.of("ca.crt", dex.caPem())));
    configMaps.put(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withNamespace(NAMESPACE)
            .withName("ca-config-map")
            .endMetadata()
            .withData(Map.of("ca.crt", dex.caPem()))
            .build());
  }

  private static Secret clientSecret(String name, String type, Map<String, String> data) {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(NAMESPACE)
        .withName(name)
        .endMetadata()
        .withType(type)
        .withData(
            data.entrySet().stream()
                .collect(
                    Collectors.toMap(
                        Map.Entry::getKey,
                        entry ->
                            Base64.getEncoder()
                                .encodeToString(
                                    entry.getValue().getBytes(StandardCharsets.UTF_8)))))
        .build();
  }

  private static String inlineCa() {
    return Base64.getEncoder().encodeToString(dex.caPem().getBytes(StandardCharsets.UTF_8));
  }

  /** A spec that works, changed by a case. */
  record Spec(
      String issuer,
      @Nullable TLSSpec tls,
      String secretName,
      boolean allowPasswordGrant,
      List<Parameter> parameters) {
    static Spec working() {
      return new Spec(
          dex.issuer().toString(),
          new TLSSpec(inlineCa(), null),
          "client-credentials",
          false,
          List.of());
    }

    OIDCIdentityProvider resource() {
      OIDCIdentityProvider resource = new OIDCIdentityProvider();
      resource.setMetadata(
          new ObjectMetaBuilder()
              .withNamespace(NAMESPACE)
              .withName("dex")
              .withUid("dex-uid")
              .withGeneration(3L)
              .build());
      resource.setSpec(
          new OIDCIdentityProviderSpec(
              issuer,
              tls,
              new OIDCAuthorizationConfig(null, parameters, allowPasswordGrant),
              null,
              new OIDCIdentityProviderClient(secretName)));
      return resource;
    }
  }

  record Want(ConditionStatus status, String reason) {}

  record Case(
      String name,
      Function<Spec, Spec> change,
      Map<String, Want> wantConditions,
      @Nullable String wantMessagePart) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Want OK = new Want(ConditionStatus.TRUE, "Success");

  private static Map<String, Want> conditions(
      Want secret, Want discovery, Want tls, Want parameters) {
    Map<String, Want> want = new LinkedHashMap<>();
    want.put("ClientCredentialsSecretValid", secret);
    want.put("OIDCDiscoverySucceeded", discovery);
    want.put("TLSConfigurationValid", tls);
    want.put("AdditionalAuthorizeParametersValid", parameters);
    return want;
  }

  private static Want no(String reason) {
    return new Want(ConditionStatus.FALSE, reason);
  }

  static Stream<Case> cases() {
    Want unable = new Want(ConditionStatus.UNKNOWN, "UnableToValidate");
    return Stream.of(
        new Case(
            "valid with inline CA",
            s -> s,
            conditions(OK, OK, OK, OK),
            "discovered issuer configuration"),
        new Case(
            "CA from an Opaque Secret",
            s ->
                new Spec(
                    s.issuer(),
                    new TLSSpec(
                        null,
                        new CertificateAuthorityDataSourceSpec(
                            CertificateAuthorityDataSourceKind.SECRET, "ca-secret", "ca.crt")),
                    s.secretName(),
                    false,
                    List.of()),
            conditions(OK, OK, OK, OK),
            "spec.tls is valid: loaded TLS configuration"),
        new Case(
            "CA from a ConfigMap",
            s ->
                new Spec(
                    s.issuer(),
                    new TLSSpec(
                        null,
                        new CertificateAuthorityDataSourceSpec(
                            CertificateAuthorityDataSourceKind.CONFIG_MAP,
                            "ca-config-map",
                            "ca.crt")),
                    s.secretName(),
                    false,
                    List.of()),
            conditions(OK, OK, OK, OK),
            null),
        new Case(
            "client Secret missing",
            s -> new Spec(s.issuer(), s.tls(), "nope", false, List.of()),
            conditions(no("SecretNotFound"), OK, OK, OK),
            "secret \"nope\" not found"),
        new Case(
            "client Secret of the wrong type",
            s -> new Spec(s.issuer(), s.tls(), "wrong-type", false, List.of()),
            conditions(no("SecretWrongType"), OK, OK, OK),
            "has wrong type \"Opaque\""),
        new Case(
            "client Secret without clientSecret",
            s -> new Spec(s.issuer(), s.tls(), "missing-keys", false, List.of()),
            conditions(no("SecretMissingKeys"), OK, OK, OK),
            "is missing required keys"),
        new Case(
            "CA data that is not base64",
            s -> new Spec(s.issuer(), new TLSSpec("%%%", null), s.secretName(), false, List.of()),
            conditions(OK, unable, no("InvalidTLSConfig"), OK),
            "spec.tls.certificateAuthorityData is invalid"),
        new Case(
            "CA data that is not PEM",
            s ->
                new Spec(
                    s.issuer(),
                    new TLSSpec(
                        Base64.getEncoder()
                            .encodeToString("hello".getBytes(StandardCharsets.UTF_8)),
                        null),
                    s.secretName(),
                    false,
                    List.of()),
            conditions(OK, unable, no("InvalidTLSConfig"), OK),
            "no base64-encoded PEM certificates found"),
        new Case(
            "CA inline and from a source",
            s ->
                new Spec(
                    s.issuer(),
                    new TLSSpec(
                        inlineCa(),
                        new CertificateAuthorityDataSourceSpec(
                            CertificateAuthorityDataSourceKind.SECRET, "ca-secret", "ca.crt")),
                    s.secretName(),
                    false,
                    List.of()),
            conditions(OK, unable, no("InvalidTLSConfig"), OK),
            "both tls.certificateAuthorityDataSource and tls.certificateAuthorityData provided"),
        new Case(
            "CA ConfigMap missing",
            s ->
                new Spec(
                    s.issuer(),
                    new TLSSpec(
                        null,
                        new CertificateAuthorityDataSourceSpec(
                            CertificateAuthorityDataSourceKind.CONFIG_MAP, "nope", "ca.crt")),
                    s.secretName(),
                    false,
                    List.of()),
            conditions(OK, unable, no("InvalidTLSConfig"), OK),
            "failed to get configmap \"supervisor/nope\""),
        new Case(
            "CA Secret key missing",
            s ->
                new Spec(
                    s.issuer(),
                    new TLSSpec(
                        null,
                        new CertificateAuthorityDataSourceSpec(
                            CertificateAuthorityDataSourceKind.SECRET, "ca-secret", "other")),
                    s.secretName(),
                    false,
                    List.of()),
            conditions(OK, unable, no("InvalidTLSConfig"), OK),
            "key \"other\" not found in secret"),
        new Case(
            "system roots do not trust Dex",
            s -> new Spec(s.issuer(), null, s.secretName(), false, List.of()),
            conditions(OK, no("Unreachable"), OK, OK),
            "failed to perform OIDC discovery against"),
        new Case(
            "nothing listens at the issuer",
            s -> new Spec("https://127.0.0.1:1/nothing", s.tls(), s.secretName(), false, List.of()),
            conditions(OK, no("Unreachable"), OK, OK),
            "failed to perform OIDC discovery against \"https://127.0.0.1:1/nothing\""),
        new Case(
            "issuer over http",
            s ->
                new Spec(
                    dex.issuer().toString().replace("https:", "http:"),
                    s.tls(),
                    s.secretName(),
                    false,
                    List.of()),
            conditions(OK, no("Unreachable"), OK, OK),
            "must have \"https\" scheme"),
        new Case(
            "issuer that names itself otherwise",
            s -> new Spec(dex.issuer() + "/", s.tls(), s.secretName(), false, List.of()),
            conditions(OK, no("Unreachable"), OK, OK),
            null),
        new Case(
            "authorize parameters Pinniped sets itself",
            s ->
                new Spec(
                    s.issuer(),
                    s.tls(),
                    s.secretName(),
                    false,
                    List.of(
                        new Parameter("client_id", "x"),
                        new Parameter("prompt", "consent"),
                        new Parameter("hd", "example.com"))),
            conditions(OK, OK, OK, no("DisallowedParameterName")),
            "the following additionalAuthorizeParameters are not allowed: client_id,hd"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatesWithPinnipedsConditions(Case test) {
    OIDCIdentityProvider resource = test.change().apply(Spec.working()).resource();

    OidcUpstreamController.Validation validation = controller.validate(resource);

    Map<String, Want> got = new LinkedHashMap<>();
    for (DesiredCondition condition : validation.conditions()) {
      got.put(condition.type(), new Want(condition.status(), condition.reason()));
    }
    assertThat(got).isEqualTo(test.wantConditions());
    boolean wantValid = test.wantConditions().values().stream().allMatch(OK::equals);
    assertThat(validation.provider() != null).isEqualTo(wantValid);
    if (test.wantMessagePart() != null) {
      assertThat(validation.conditions())
          .anySatisfy(
              condition -> assertThat(condition.message()).contains(test.wantMessagePart()));
    }
  }

  @Test
  void syncPublishesValidProvidersWithTheirFlowsAndWritesStatus() {
    Spec working = Spec.working();
    resources.put(
        new Spec(working.issuer(), working.tls(), working.secretName(), true, List.of())
            .resource());

    SyncContext context =
        new SyncContext(
            OidcUpstreamController.NAME, dev.pinnipedjava.controller.Key.clusterScoped("all"));
    controller.sync(context);

    Optional<UpstreamIdentityProvider> provider =
        registry.find(IdentityProviderKind.OIDC, "dex", "dex-uid");
    assertThat(provider).isPresent();
    assertThat(provider.get().flows())
        .containsExactly(IDPFlow.BROWSER_AUTHCODE, IDPFlow.CLI_PASSWORD);
    assertThat(context.requestedRequeue()).isNull();
    assertThat(statusPatches).hasSize(1);
    assertThat(statusPatches.get(0))
        .contains("\"phase\":\"Ready\"")
        .contains("\"observedGeneration\":3")
        .contains("\"type\":\"OIDCDiscoverySucceeded\"");
  }

  @Test
  void syncWithdrawsAnInvalidProviderAndTriesAgainLater() {
    Spec working = Spec.working();
    resources.put(working.resource());
    controller.sync(
        new SyncContext(
            OidcUpstreamController.NAME, dev.pinnipedjava.controller.Key.clusterScoped("all")));
    assertThat(registry.find(IdentityProviderKind.OIDC, "dex", "dex-uid")).isPresent();

    resources.put(new Spec(working.issuer(), working.tls(), "nope", false, List.of()).resource());
    SyncContext context =
        new SyncContext(
            OidcUpstreamController.NAME, dev.pinnipedjava.controller.Key.clusterScoped("all"));
    controller.sync(context);

    assertThat(registry.find(IdentityProviderKind.OIDC, "dex", "dex-uid")).isEmpty();
    assertThat(context.requestedRequeue()).isEqualTo(OidcUpstreamController.RETRY_INVALID);
    assertThat(statusPatches.get(statusPatches.size() - 1)).contains("\"phase\":\"Error\"");
  }

  @Test
  void discoveryIsCachedFifteenMinutesPerIssuerAndCa() {
    OidcDiscovery discovery = new OidcDiscovery(clock);
    UpstreamTlsTrust trust = UpstreamTlsTrust.fromPem(dex.caPem().getBytes(StandardCharsets.UTF_8));

    OidcDiscovery.Discovered first = discovery.discover(dex.issuer().toString(), trust);
    clock.advance(Duration.ofMinutes(14));
    assertThat(discovery.discover(dex.issuer().toString(), trust)).isSameAs(first);
    clock.advance(Duration.ofMinutes(2));
    assertThat(discovery.discover(dex.issuer().toString(), trust)).isNotSameAs(first);
  }

  @Test
  void scopesDefaultToPinnipedsAndAlwaysIncludeOpenid() {
    assertThat(OidcUpstreamController.scopes(null))
        .containsExactly("openid", "offline_access", "email", "profile");
    assertThat(OidcUpstreamController.scopes(List.of("groups", "email")))
        .containsExactly("email", "groups", "openid");
  }
}

package dev.pinnipedjava.supervisor.upstream.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.CertificateAuthorityDataSourceKind;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.CertificateAuthorityDataSourceSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProviderBind;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProviderGroupSearch;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProviderGroupSearchAttributes;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProviderSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProviderUserSearch;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProviderUserSearchAttributes;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.TLSSpec;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.controller.InMemoryResourceCache;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.SyncContext;
import dev.pinnipedjava.controller.conditions.DesiredCondition;
import dev.pinnipedjava.controller.conditions.StatusWriter;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.upstream.LoginResult;
import dev.pinnipedjava.supervisor.upstream.Password;
import dev.pinnipedjava.supervisor.upstream.UpstreamException;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamRegistry;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsConfiguration;
import dev.pinnipedjava.testkit.clock.MutableClock;
import dev.pinnipedjava.testkit.ldap.LdapServer;
import dev.pinnipedjava.testkit.ldap.LdapUser;
import dev.pinnipedjava.testkit.ldap.WithLdapServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The LDAPIdentityProvider controller against a real OpenLDAP: every condition with Pinniped's
 * reasons, the phase, the protocol it settles on, the validated settings cache, and which providers
 * reach the registry.
 */
@WithLdapServer
class LdapUpstreamControllerIT {
  private static final String NAMESPACE = "supervisor";
  private static final String PASSWORD = "controller-user-password";
  private static LdapServer server;

  private final MutableClock clock = new MutableClock(Instant.now());
  private final InMemoryResourceCache<LDAPIdentityProvider> resources =
      InMemoryResourceCache.create();
  private final InMemoryResourceCache<Secret> secrets = InMemoryResourceCache.create();
  private final InMemoryResourceCache<ConfigMap> configMaps = InMemoryResourceCache.create();
  private final UpstreamRegistry registry = new UpstreamRegistry();
  private final List<String> statusPatches = new ArrayList<>();
  private DirectoryUpstreamController<LDAPIdentityProvider> controller;

  private final KubernetesSerialization serialization = new KubernetesSerialization();

  /** As the API server would: the cached resource gets the patched status. */
  private void applyStatusPatch(HasMetadata object, String patch) {
    statusPatches.add(patch);
    LDAPIdentityProvider patched = serialization.unmarshal(patch, LDAPIdentityProvider.class);
    LDAPIdentityProvider updated = (LDAPIdentityProvider) object;
    updated.setStatus(patched.getStatus());
    resources.put(updated);
  }

  @BeforeAll
  static void start(LdapServer ldap) {
    server = ldap;
    server.addUser(LdapUser.of("controller-user", PASSWORD));
  }

  @BeforeEach
  void setUp() {
    controller =
        new DirectoryUpstreamController<>(
            new LdapIdentityProviders(),
            resources,
            secrets,
            new UpstreamTlsConfiguration(secrets, configMaps),
            new StatusWriter(this::applyStatusPatch, serialization),
            registry,
            clock);
    secrets.put(
        secret(
            "bind",
            "kubernetes.io/basic-auth",
            "1",
            Map.of(
                "username", server.serviceAccount().dn(),
                "password", server.serviceAccount().password())));
    secrets.put(
        secret(
            "bind-wrong-password",
            "kubernetes.io/basic-auth",
            "1",
            Map.of("username", server.serviceAccount().dn(), "password", "not-it")));
    secrets.put(
        secret(
            "bind-wrong-type",
            "Opaque",
            "1",
            Map.of(
                "username", server.serviceAccount().dn(),
                "password", server.serviceAccount().password())));
    secrets.put(
        secret(
            "bind-no-password",
            "kubernetes.io/basic-auth",
            "1",
            Map.of("username", server.serviceAccount().dn())));
    secrets.put(secret("ca-secret", "Opaque", "1", Map.of("ca.crt", server.caPem())));
    configMaps.put(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withNamespace(NAMESPACE)
            .withName("ca-config-map")
            .endMetadata()
            .withData(Map.of("ca.crt", server.caPem()))
            .build());
  }

  @AfterEach
  void closeProviders() {
    controller.close();
  }

  private static Secret secret(
      String name, String type, String resourceVersion, Map<String, String> data) {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(NAMESPACE)
        .withName(name)
        .withResourceVersion(resourceVersion)
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

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A CA that signed nothing the directory presents. */
  private static String otherCaPem() {
    return CertificateAuthority.create(
            "unrelated-ca", Duration.ofHours(1), Clock.systemUTC(), new SecureRandom())
        .certificatePem();
  }

  private static String inlineCa() {
    return Base64.getEncoder().encodeToString(server.caPem().getBytes(StandardCharsets.UTF_8));
  }

  /** A spec that works, changed by a case. */
  record Spec(String host, @Nullable TLSSpec tls, String bindSecret, long generation) {
    static Spec working() {
      return new Spec(server.ldapsHostAndPort(), new TLSSpec(inlineCa(), null), "bind", 1);
    }

    Spec host(String newHost) {
      return new Spec(newHost, tls, bindSecret, generation);
    }

    Spec tls(@Nullable TLSSpec newTls) {
      return new Spec(host, newTls, bindSecret, generation);
    }

    Spec bindSecret(String name) {
      return new Spec(host, tls, name, generation);
    }

    LDAPIdentityProvider resource() {
      LDAPIdentityProvider resource = new LDAPIdentityProvider();
      resource.setMetadata(
          new ObjectMetaBuilder()
              .withNamespace(NAMESPACE)
              .withName("ldap")
              .withUid("ldap-uid")
              .withGeneration(generation)
              .build());
      resource.setSpec(
          new LDAPIdentityProviderSpec(
              host,
              tls,
              new LDAPIdentityProviderBind(bindSecret),
              new LDAPIdentityProviderUserSearch(
                  LdapServer.USERS_DN,
                  "uid={}",
                  new LDAPIdentityProviderUserSearchAttributes("uid", "uidNumber")),
              new LDAPIdentityProviderGroupSearch(
                  LdapServer.GROUPS_DN,
                  null,
                  null,
                  new LDAPIdentityProviderGroupSearchAttributes("cn"),
                  null)));
      return resource;
    }
  }

  record Want(ConditionStatus status, String reason) {}

  record Case(
      String name,
      UnaryOperator<Spec> change,
      Want bindSecret,
      Want tls,
      Want connection,
      @Nullable ConnectionProtocol wantProtocol,
      @Nullable String wantMessagePart) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Want OK = new Want(ConditionStatus.TRUE, "Success");
  private static final Want UNABLE = new Want(ConditionStatus.UNKNOWN, "UnableToValidate");

  private static Want no(String reason) {
    return new Want(ConditionStatus.FALSE, reason);
  }

  static Stream<Case> cases() {
    Want connectionError = no("LDAPConnectionError");
    return Stream.of(
        new Case(
            "LDAPS with an inline CA",
            s -> s,
            OK,
            OK,
            OK,
            ConnectionProtocol.TLS,
            "successfully able to connect to \""
                + server.ldapsHostAndPort()
                + "\" and bind as user \""
                + LdapServer.SERVICE_ACCOUNT_DN
                + "\" [validated with Secret \"bind\" at version \"1\"]"),
        new Case(
            "a plain port falls back to StartTLS",
            s -> s.host(server.startTlsHostAndPort()),
            OK,
            OK,
            OK,
            ConnectionProtocol.START_TLS,
            null),
        new Case(
            "CA from an Opaque Secret",
            s ->
                s.tls(
                    new TLSSpec(
                        null,
                        new CertificateAuthorityDataSourceSpec(
                            CertificateAuthorityDataSourceKind.SECRET, "ca-secret", "ca.crt"))),
            OK,
            OK,
            OK,
            ConnectionProtocol.TLS,
            "spec.tls is valid: loaded TLS configuration"),
        new Case(
            "CA from a ConfigMap",
            s ->
                s.tls(
                    new TLSSpec(
                        null,
                        new CertificateAuthorityDataSourceSpec(
                            CertificateAuthorityDataSourceKind.CONFIG_MAP,
                            "ca-config-map",
                            "ca.crt"))),
            OK,
            OK,
            OK,
            ConnectionProtocol.TLS,
            null),
        new Case(
            "bind Secret missing",
            s -> s.bindSecret("nope"),
            no("SecretNotFound"),
            OK,
            UNABLE,
            null,
            "secret \"nope\" not found"),
        new Case(
            "bind Secret of the wrong type",
            s -> s.bindSecret("bind-wrong-type"),
            no("SecretWrongType"),
            OK,
            UNABLE,
            null,
            "referenced Secret \"bind-wrong-type\" has wrong type \"Opaque\" (should be"
                + " \"kubernetes.io/basic-auth\")"),
        new Case(
            "bind Secret without a password",
            s -> s.bindSecret("bind-no-password"),
            no("SecretMissingKeys"),
            OK,
            UNABLE,
            null,
            "referenced Secret \"bind-no-password\" is missing required keys [\"username\""
                + " \"password\"]"),
        new Case(
            "bind password refused",
            s -> s.bindSecret("bind-wrong-password"),
            OK,
            OK,
            connectionError,
            ConnectionProtocol.TLS,
            "could not successfully connect to \""
                + server.ldapsHostAndPort()
                + "\" and bind as user \""
                + LdapServer.SERVICE_ACCOUNT_DN
                + "\": "),
        new Case(
            "CA data that is not PEM",
            s ->
                s.tls(
                    new TLSSpec(
                        Base64.getEncoder()
                            .encodeToString("hello".getBytes(StandardCharsets.UTF_8)),
                        null)),
            OK,
            no("InvalidTLSConfig"),
            UNABLE,
            null,
            "no base64-encoded PEM certificates found"),
        new Case(
            "system roots do not trust the directory",
            s -> s.tls(null),
            OK,
            OK,
            connectionError,
            ConnectionProtocol.TLS,
            null),
        new Case(
            "StartTLS also refuses a directory the CA bundle does not trust",
            s -> s.host(server.startTlsHostAndPort()).tls(new TLSSpec(base64(otherCaPem()), null)),
            OK,
            OK,
            connectionError,
            ConnectionProtocol.TLS,
            null),
        new Case(
            "nothing listens at the host",
            s -> s.host("127.0.0.1:1"),
            OK,
            OK,
            connectionError,
            ConnectionProtocol.TLS,
            "could not successfully connect to \"127.0.0.1:1\""),
        new Case(
            "a host that is not host:port",
            s -> s.host("127.0.0.1:ldaps"),
            OK,
            OK,
            connectionError,
            null,
            "host \"127.0.0.1:ldaps\" has an invalid port"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatesWithPinnipedsConditions(Case test) {
    LDAPIdentityProvider resource = test.change().apply(Spec.working()).resource();

    DirectoryUpstreamController.Validation validation = controller.validate(resource);

    Map<String, Want> got = new LinkedHashMap<>();
    for (DesiredCondition condition : validation.conditions()) {
      got.put(condition.type(), new Want(condition.status(), condition.reason()));
    }
    Map<String, Want> want = new LinkedHashMap<>();
    want.put("BindSecretValid", test.bindSecret());
    want.put("TLSConfigurationValid", test.tls());
    want.put("LDAPConnectionValid", test.connection());
    assertThat(got).isEqualTo(want);
    DirectoryConfig config = validation.config();
    assertThat(config == null ? null : config.protocol()).isEqualTo(test.wantProtocol());
    if (test.wantMessagePart() != null) {
      assertThat(validation.conditions())
          .anySatisfy(
              condition -> assertThat(condition.message()).contains(test.wantMessagePart()));
    }
    assertThat(validation.conditions())
        .allSatisfy(
            condition ->
                assertThat(condition.message()).doesNotContain(server.serviceAccount().password()));
  }

  private SyncContext sync() {
    SyncContext context = new SyncContext("ldap-upstream-observer", Key.clusterScoped("all"));
    controller.sync(context);
    return context;
  }

  @Test
  void syncPublishesAValidProviderThatLogsIn() {
    resources.put(Spec.working().resource());

    SyncContext context = sync();

    Optional<UpstreamIdentityProvider> provider =
        registry.find(IdentityProviderKind.LDAP, "ldap", "ldap-uid");
    assertThat(provider).isPresent();
    assertThat(provider.get().flows())
        .containsExactly(IDPFlow.CLI_PASSWORD, IDPFlow.BROWSER_AUTHCODE);
    assertThat(provider.get().loginWithPassword("controller-user", new Password(PASSWORD), "x"))
        .isInstanceOf(LoginResult.Authenticated.class);
    assertThat(context.requestedRequeue()).isEqualTo(DirectoryUpstreamController.RESYNC);
    assertThat(statusPatches).hasSize(1);
    assertThat(statusPatches.get(0))
        .contains("\"phase\":\"Ready\"")
        .contains("\"observedGeneration\":1")
        .contains("\"type\":\"LDAPConnectionValid\"");

    // Nothing changed: the same provider (and its connections) stays, no status is written.
    sync();
    assertThat(registry.find(IdentityProviderKind.LDAP, "ldap", "ldap-uid"))
        .containsSame(provider.get());
    assertThat(statusPatches).hasSize(1);
  }

  @Test
  void anUnreachableDirectoryIsPublishedInErrorAndLoginsFail() {
    resources.put(Spec.working().host("127.0.0.1:1").resource());

    SyncContext context = sync();

    assertThat(statusPatches.get(0)).contains("\"phase\":\"Error\"");
    assertThat(context.requestedRequeue()).isEqualTo(DirectoryUpstreamController.RETRY_INVALID);
    UpstreamIdentityProvider provider =
        registry.find(IdentityProviderKind.LDAP, "ldap", "ldap-uid").orElseThrow();
    assertThatThrownBy(
            () -> provider.loginWithPassword("controller-user", new Password(PASSWORD), "x"))
        .isInstanceOf(UpstreamException.class);
  }

  @Test
  void anInvalidBindSecretWithdrawsTheProvider() {
    resources.put(Spec.working().resource());
    sync();
    UpstreamIdentityProvider before =
        registry.find(IdentityProviderKind.LDAP, "ldap", "ldap-uid").orElseThrow();

    resources.put(Spec.working().bindSecret("bind-wrong-type").resource());
    sync();

    assertThat(registry.find(IdentityProviderKind.LDAP, "ldap", "ldap-uid")).isEmpty();
    assertThat(statusPatches.get(statusPatches.size() - 1)).contains("\"phase\":\"Error\"");
    // The withdrawn provider's connections are closed at the next sync.
    sync();
    assertThatThrownBy(
            () -> before.loginWithPassword("controller-user", new Password(PASSWORD), "x"))
        .isInstanceOf(UpstreamException.class);
  }

  @Test
  void aSuccessfulProbeIsCachedUntilTheGenerationOrBindSecretVersionChanges() {
    Spec working = Spec.working();
    assertThat(controller.validate(working.resource()).config()).isNotNull();

    // Same generation and Secret version: the cached result stands, the directory is not asked.
    DirectoryUpstreamController.Validation cached =
        controller.validate(working.host("127.0.0.1:1").resource());
    assertThat(cached.conditions())
        .anySatisfy(c -> assertThat(c.reason()).isEqualTo("Success").as(c.type()));
    assertThat(cached.conditions())
        .filteredOn(c -> c.type().equals("LDAPConnectionValid"))
        .singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(ConditionStatus.TRUE));

    // A new version of the bind Secret (here: a wrong password) is probed again.
    secrets.put(
        secret(
            "bind",
            "kubernetes.io/basic-auth",
            "2",
            Map.of("username", server.serviceAccount().dn(), "password", "rotated-wrongly")));
    DirectoryUpstreamController.Validation reprobed = controller.validate(working.resource());
    assertThat(reprobed.conditions())
        .filteredOn(c -> c.type().equals("LDAPConnectionValid"))
        .singleElement()
        .satisfies(c -> assertThat(c.reason()).isEqualTo("LDAPConnectionError"));
  }
}

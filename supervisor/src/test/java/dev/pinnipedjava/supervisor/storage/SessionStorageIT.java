package dev.pinnipedjava.supervisor.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinnipedjava.supervisor.secretstore.SecretStoreConflictException;
import dev.pinnipedjava.supervisor.secretstore.StorageSecrets;
import dev.pinnipedjava.supervisor.session.ActiveDirectoryUpstreamSession;
import dev.pinnipedjava.supervisor.session.DownstreamSession;
import dev.pinnipedjava.supervisor.session.GitHubUpstreamSession;
import dev.pinnipedjava.supervisor.session.LdapUpstreamSession;
import dev.pinnipedjava.supervisor.session.OidcUpstreamSession;
import dev.pinnipedjava.supervisor.session.UpstreamSessionData;
import dev.pinnipedjava.supervisor.testing.SupervisorCrds;
import dev.pinnipedjava.supervisor.token.TokenLifetimes;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.clock.MutableClock;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Session storage in a real API server: Pinniped's Secret names, types, labels and garbage
 * collection times, a versioned document, and the revocations of a reused code and a rotation.
 */
@WithKubeControlPlane
class SessionStorageIT {
  private static final String NAMESPACE = "session-storage-it";

  private static KubernetesClient client;
  private final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

  @BeforeAll
  static void namespace(KubeControlPlane controlPlane) {
    client = controlPlane.adminClient();
    SupervisorCrds.createNamespace(client, NAMESPACE);
  }

  /** Storage on the test's clock; stateless apart from the API server, so made per call. */
  private SessionStorage storage() {
    return SessionStorage.kubernetes(client, NAMESPACE, clock, StorageSchema.objectMapper());
  }

  private AuthorizedRequest request(String id) {
    return request(id, new OidcUpstreamSession("upstream-refresh", null, "s", "https://idp"));
  }

  private AuthorizedRequest request(String id, UpstreamSessionData upstream) {
    return new AuthorizedRequest(
        id,
        "pinniped-cli",
        "http://127.0.0.1:1234/callback",
        List.of("openid", "offline_access"),
        clock.instant(),
        "nonce-123456",
        "challenge",
        clock.instant().plus(TokenLifetimes.REFRESH_TOKEN),
        new DownstreamSession(
            "https://idp?idpName=x&sub=s",
            "alice",
            List.of("devs"),
            Map.of("dept", "research"),
            "x",
            "x-resource",
            "x-uid",
            "oidc",
            clock.instant(),
            upstream,
            List.of()));
  }

  /** A signature as tokens have them: base64url of 32 bytes (an HMAC). */
  private static String signature(String seed) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(seed.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Secret secret(String type, String signature) {
    return client
        .secrets()
        .inNamespace(NAMESPACE)
        .withName(StorageSecrets.secretName(type, signature))
        .get();
  }

  @Test
  void anAuthorizationCodeIsStoredInThreeSecretsAsPinnipedNamesThem() {
    String signature = signature("a");
    storage().createAuthorizationCode(signature, request("request-a"));

    for (Map.Entry<String, Duration> type :
        Map.of(
                "authcode", Duration.ofMinutes(10).plusHours(9),
                "pkce", Duration.ofMinutes(11),
                "oidc", Duration.ofMinutes(11))
            .entrySet()) {
      Secret secret = secret(type.getKey(), signature);
      assertThat(secret).as(type.getKey()).isNotNull();
      assertThat(secret.getMetadata().getName())
          .startsWith("pinniped-storage-" + type.getKey() + "-");
      assertThat(secret.getType()).isEqualTo("storage.pinniped.dev/" + type.getKey());
      assertThat(secret.getMetadata().getLabels())
          .containsEntry("storage.pinniped.dev/type", type.getKey());
      assertThat(secret.getMetadata().getAnnotations())
          .containsEntry(
              "storage.pinniped.dev/garbage-collect-after",
              StorageSecrets.formatExpiry(clock.instant().plus(type.getValue())));
      String document =
          new String(
              Base64.getDecoder().decode(secret.getData().get("pinniped-storage-data")),
              StandardCharsets.UTF_8);
      assertThat(document).contains("\"version\":\"" + StorageSchema.VERSION + "\"");
      assertThat(secret.getData()).containsEntry("pinniped-storage-version", "MQ==");
    }
    assertThat(
            storage()
                .authorizationCode(signature)
                .orElseThrow()
                .value()
                .request()
                .session()
                .username())
        .isEqualTo("alice");
  }

  @Test
  void theTokensOfALoginLiveInOneSecretAndAreRevokedTogether() {
    AuthorizedRequest login = request("request-b");
    storage()
        .createTokenSession(
            TokenSessionDocument.of(login, "b-access", storage().accessTokenExpiry(), "b-refresh"));
    storage()
        .createTokenSession(
            TokenSessionDocument.of(
                request("another-login"), "x-access", storage().accessTokenExpiry(), null));

    Secret tokens = secret("token-session", "request-b");
    assertThat(tokens.getType()).isEqualTo("storage.pinniped.dev/token-session");
    assertThat(tokens.getMetadata().getLabels())
        .containsEntry("storage.pinniped.dev/request-id", "request-b");
    assertThat(tokens.getMetadata().getAnnotations())
        .containsEntry(
            "storage.pinniped.dev/garbage-collect-after",
            StorageSecrets.formatExpiry(clock.instant().plus(Duration.ofHours(9).plusMinutes(2))));
    assertThat(storage().accessTokenLogin("request-b", "b-access")).isPresent();
    assertThat(storage().accessTokenLogin("request-b", "b-refresh")).isEmpty();
    assertThat(
            storage()
                .tokenSession("request-b")
                .orElseThrow()
                .value()
                .isCurrentRefreshToken("b-refresh"))
        .isTrue();

    storage().revokeTokens("request-b");

    assertThat(storage().tokenSession("request-b")).isEmpty();
    assertThat(storage().accessTokenLogin("another-login", "x-access")).isPresent();
  }

  @Test
  void aRotationReplacesBothTokensOnceAndRefusesAStaleVersion() {
    AuthorizedRequest login = request("request-e");
    storage()
        .createTokenSession(
            TokenSessionDocument.of(
                login, "e-access-1", storage().accessTokenExpiry(), "e-refresh-1"));
    var first = storage().tokenSession("request-e").orElseThrow();

    storage()
        .rotateTokenSession(
            first.resourceVersion(),
            TokenSessionDocument.of(
                login, "e-access-2", storage().accessTokenExpiry(), "e-refresh-2"));

    var second = storage().tokenSession("request-e").orElseThrow().value();
    assertThat(second.isCurrentRefreshToken("e-refresh-1")).isFalse();
    assertThat(second.isCurrentRefreshToken("e-refresh-2")).isTrue();
    assertThat(storage().accessTokenLogin("request-e", "e-access-1")).isEmpty();
    assertThat(storage().accessTokenLogin("request-e", "e-access-2")).isPresent();
    assertThatThrownBy(
            () ->
                storage()
                    .rotateTokenSession(
                        first.resourceVersion(),
                        TokenSessionDocument.of(
                            login, "e-access-3", storage().accessTokenExpiry(), "e-refresh-3")))
        .isInstanceOf(SecretStoreConflictException.class);
  }

  @Test
  void anAccessTokenStopsWorkingAfterTwoMinutesThoughItsSecretStays() {
    storage()
        .createTokenSession(
            TokenSessionDocument.of(
                request("request-c"), "c-access", storage().accessTokenExpiry(), null));
    clock.advance(Duration.ofMinutes(2));

    assertThat(storage().accessTokenLogin("request-c", "c-access")).isEmpty();
    assertThat(secret("token-session", "request-c")).isNotNull();
  }

  @Test
  void anInvalidatedCodeStaysReadableAsInactive() {
    String signature = signature("d");
    storage().createAuthorizationCode(signature, request("request-d"));

    storage()
        .invalidateAuthorizationCode(
            signature, storage().authorizationCode(signature).orElseThrow());
    storage().deleteCodeSessions(signature);

    assertThat(storage().authorizationCode(signature).orElseThrow().value().active()).isFalse();
    assertThat(storage().pkce(signature)).isEmpty();
    assertThat(storage().oidcSession(signature)).isEmpty();
  }

  record UpstreamCase(String name, UpstreamSessionData upstream, String wantType) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<UpstreamCase> upstreamSessions() {
    return Stream.of(
        new UpstreamCase(
            "oidc", new OidcUpstreamSession("upstream-refresh", null, "s", "https://idp"), "oidc"),
        new UpstreamCase(
            "ldap",
            new LdapUpstreamSession(
                "uid=pinny,ou=users,dc=pinniped,dc=dev", "cGlubnk", "pinny@pinniped.dev", Map.of()),
            "ldap"),
        new UpstreamCase(
            "activedirectory",
            new ActiveDirectoryUpstreamSession(
                "CN=pinny,CN=Users,DC=pinniped,DC=test",
                "04030201-0605-0807-090a-0b0c0d0e0f10",
                "pinny@pinniped.test",
                Map.of("pwdLastSet", "MTMzNDU2Nzg5")),
            "activedirectory"),
        new UpstreamCase(
            "github", new GitHubUpstreamSession("gho_secret", "pinny", "1234"), "github"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("upstreamSessions")
  void everyUpstreamSessionTypeIsStoredWithItsTypeName(UpstreamCase test) throws Exception {
    String signature = signature("e-" + test.name());
    storage()
        .createAuthorizationCode(signature, request("request-e-" + test.name(), test.upstream()));

    assertThat(
            document(secret("authcode", signature))
                .path("request")
                .path("session")
                .path("upstream")
                .path("type")
                .asText())
        .isEqualTo(test.wantType());
    assertThat(
            storage()
                .authorizationCode(signature)
                .orElseThrow()
                .value()
                .request()
                .session()
                .upstream())
        .isEqualTo(test.upstream());
  }

  record UnreadableCase(String name, Consumer<ObjectNode> edit) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<UnreadableCase> unreadableDocuments() {
    return Stream.of(
        new UnreadableCase(
            "an upstream session type this version does not know",
            document ->
                ((ObjectNode) document.path("request").path("session").path("upstream"))
                    .put("type", "saml")),
        new UnreadableCase(
            "the previous schema version, which knew only OIDC upstream sessions",
            document -> document.put("version", "1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableDocuments")
  void aDocumentThisVersionCannotReadIsNotFound(UnreadableCase test) throws Exception {
    String signature = signature("f-" + test.name());
    storage()
        .createAuthorizationCode(
            signature,
            request(
                "request-f",
                new LdapUpstreamSession(
                    "uid=pinny,ou=users,dc=pinniped,dc=dev", "cGlubnk", "pinny", Map.of())));
    assertThat(storage().authorizationCode(signature)).isPresent();
    Secret stored = secret("authcode", signature);
    ObjectNode document = document(stored);
    test.edit().accept(document);
    client
        .resource(
            new SecretBuilder(stored)
                .addToData(
                    "pinniped-storage-data",
                    Base64.getEncoder().encodeToString(DOCUMENTS.writeValueAsBytes(document)))
                .build())
        .update();

    assertThat(storage().authorizationCode(signature)).isEmpty();
  }

  private static final ObjectMapper DOCUMENTS = new ObjectMapper();

  private static ObjectNode document(Secret secret) throws java.io.IOException {
    return (ObjectNode)
        DOCUMENTS.readTree(
            Base64.getDecoder().decode(secret.getData().get("pinniped-storage-data")));
  }
}

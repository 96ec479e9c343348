package dev.pinnipedjava.supervisor.oidcclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.api.supervisor.config.v1alpha1.AllowedGrantType;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.AllowedScope;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.OIDCClient;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.OIDCClientSpec;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.OIDCClientTokenLifetimes;
import dev.pinnipedjava.controller.InMemoryResourceCache;
import dev.pinnipedjava.supervisor.clientsecret.Bcrypt;
import dev.pinnipedjava.supervisor.clientsecret.ClientSecretStorage;
import dev.pinnipedjava.supervisor.oauth.ClientRegistry;
import dev.pinnipedjava.supervisor.oauth.OAuthClient;
import dev.pinnipedjava.supervisor.secretstore.StorageSecrets;
import dev.pinnipedjava.supervisor.storage.StorageSchema;
import dev.pinnipedjava.supervisor.token.TokenLifetimes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The client registry over the informer caches of OIDCClients and Secrets. */
class OidcClientRegistryTest {
  private static final String NAMESPACE = "supervisor";
  private static final String SECRET = "the-client-secret";
  private static final String HASH = new Bcrypt(new SecureRandom()).hash(SECRET, Bcrypt.MIN_COST);

  private final InMemoryResourceCache<OIDCClient> clients = InMemoryResourceCache.create();
  private final InMemoryResourceCache<Secret> secrets = InMemoryResourceCache.create();
  private final OidcClientRegistry registry =
      new OidcClientRegistry(
          new OidcClients(
              NAMESPACE,
              clients,
              secrets,
              new StorageSecrets(StorageSchema.objectMapper()),
              Clock.systemUTC()));

  private static OIDCClient client(
      String name,
      String uid,
      List<AllowedGrantType> grants,
      List<AllowedScope> scopes,
      @Nullable Integer idTokenSeconds) {
    OIDCClient client = new OIDCClient();
    client.setMetadata(
        new ObjectMetaBuilder().withNamespace(NAMESPACE).withName(name).withUid(uid).build());
    client.setSpec(
        new OIDCClientSpec(
            List.of("https://app.example.com/callback", "http://127.0.0.1/callback"),
            grants,
            scopes,
            idTokenSeconds == null ? null : new OIDCClientTokenLifetimes(idTokenSeconds)));
    return client;
  }

  private static Secret storage(String uid, String documentJson) {
    Base64.Encoder base64 = Base64.getEncoder();
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(NAMESPACE)
        .withName(ClientSecretStorage.secretName(uid))
        .withLabels(Map.of("storage.pinniped.dev/type", "oidc-client-secret"))
        .endMetadata()
        .withType("storage.pinniped.dev/oidc-client-secret")
        .withData(
            Map.of(
                "pinniped-storage-data",
                base64.encodeToString(documentJson.getBytes(StandardCharsets.UTF_8)),
                "pinniped-storage-version",
                base64.encodeToString("1".getBytes(StandardCharsets.UTF_8))))
        .build();
  }

  @Test
  void servesAValidClientWithItsSecretsAndSettings() {
    clients.put(
        client(
            "client.oauth.pinniped.dev-app",
            "uid-1",
            List.of(AllowedGrantType.AUTHORIZATION_CODE, AllowedGrantType.REFRESH_TOKEN),
            List.of(AllowedScope.OPENID, AllowedScope.OFFLINE_ACCESS, AllowedScope.GROUPS),
            900));
    // Pinniped's document layout, as its Go code writes it.
    secrets.put(storage("uid-1", "{\"hashes\":[\"" + HASH + "\"],\"version\":\"1\"}"));

    OAuthClient client = registry.find("client.oauth.pinniped.dev-app").orElseThrow();

    assertThat(client.redirectUris())
        .containsExactly(
            URI.create("https://app.example.com/callback"),
            URI.create("http://127.0.0.1/callback"));
    assertThat(client.allowedScopes())
        .containsExactlyInAnyOrder("openid", "offline_access", "groups");
    assertThat(client.allowedGrantTypes())
        .containsExactlyInAnyOrder("authorization_code", "refresh_token");
    assertThat(client.formPostAllowed()).isFalse();
    assertThat(client.passwordHeadersAllowed()).isFalse();
    assertThat(client.confidential()).isTrue();
    assertThat(client.acceptsSecret(SECRET)).isTrue();
    assertThat(client.acceptsSecret("another")).isFalse();
    assertThat(client.idTokenLifetime()).isEqualTo(Duration.ofMinutes(15));
    assertThat(client.toString()).doesNotContain(HASH);
  }

  @Test
  void defaultsTheIdTokenLifetime() {
    clients.put(
        client(
            "client.oauth.pinniped.dev-app",
            "uid-1",
            List.of(AllowedGrantType.AUTHORIZATION_CODE),
            List.of(AllowedScope.OPENID),
            null));
    secrets.put(storage("uid-1", "{\"hashes\":[\"" + HASH + "\"],\"version\":\"1\"}"));

    assertThat(registry.find("client.oauth.pinniped.dev-app").orElseThrow().idTokenLifetime())
        .isEqualTo(TokenLifetimes.ID_TOKEN);
  }

  @Test
  void servesNoInvalidOrUnknownClient() {
    clients.put(
        client(
            "client.oauth.pinniped.dev-nosecret",
            "uid-2",
            List.of(AllowedGrantType.AUTHORIZATION_CODE),
            List.of(AllowedScope.OPENID),
            null));
    clients.put(
        client(
            "client.oauth.pinniped.dev-invalid",
            "uid-3",
            List.of(AllowedGrantType.AUTHORIZATION_CODE, AllowedGrantType.REFRESH_TOKEN),
            List.of(AllowedScope.OPENID),
            null));
    secrets.put(storage("uid-3", "{\"hashes\":[\"" + HASH + "\"],\"version\":\"1\"}"));
    clients.put(
        client(
            "client.oauth.pinniped.dev-oldformat",
            "uid-4",
            List.of(AllowedGrantType.AUTHORIZATION_CODE),
            List.of(AllowedScope.OPENID),
            null));
    secrets.put(storage("uid-4", "{\"hashes\":[\"" + HASH + "\"],\"version\":\"0\"}"));
    clients.put(
        client(
            "not-prefixed",
            "uid-5",
            List.of(AllowedGrantType.AUTHORIZATION_CODE),
            List.of(AllowedScope.OPENID),
            null));
    secrets.put(storage("uid-5", "{\"hashes\":[\"" + HASH + "\"],\"version\":\"1\"}"));

    assertThat(registry.find("client.oauth.pinniped.dev-nosecret")).isEmpty();
    assertThat(registry.find("client.oauth.pinniped.dev-invalid")).isEmpty();
    assertThat(registry.find("client.oauth.pinniped.dev-oldformat")).isEmpty();
    assertThat(registry.find("not-prefixed")).isEmpty();
    assertThat(registry.find("client.oauth.pinniped.dev-missing")).isEmpty();
  }

  @Test
  void pinnipedCliStaysTheStaticPublicClient() {
    OAuthClient cli = registry.find("pinniped-cli").orElseThrow();

    assertThat(cli).isSameAs(ClientRegistry.PINNIPED_CLI);
    assertThat(cli.confidential()).isFalse();
    assertThat(cli.formPostAllowed()).isTrue();
  }

  @Test
  void namesTheStorageSecretAsPinnipedDoes() {
    // base32 (lowercase, unpadded) of the UID's bytes, after base64url-decoding the signature.
    assertThat(ClientSecretStorage.secretName("uid-1"))
        .isEqualTo("pinniped-storage-oidc-client-secret-ovuwiljr");
  }
}

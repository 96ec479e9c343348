package dev.pinnipedjava.supervisor.testing;

import dev.pinnipedjava.testkit.dex.DexClient;
import dev.pinnipedjava.testkit.dex.DexConfig;
import dev.pinnipedjava.testkit.dex.DexServer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Dex as the Supervisor's OIDC upstream: the Supervisor's client at Dex, the Secret with its
 * credentials and the spec of an OIDCIdentityProvider for Dex that allows the password grant and
 * takes the username from {@code email}.
 */
public final class DexUpstream {
  public static final String CLIENT_SECRET_NAME = "dex-client";
  private static final String CLIENT_ID = "pinniped-supervisor";
  private static final String CLIENT_SECRET = "dex-client-secret-for-the-supervisor";

  private DexUpstream() {}

  /** A Dex configuration with the Supervisor's client, which redirects to {@code issuer}. */
  public static DexConfig.Builder config(String issuer) {
    return DexConfig.builder()
        .client(new DexClient(CLIENT_ID, CLIENT_SECRET, List.of(URI.create(issuer + "/callback"))));
  }

  /** The Secret with the Supervisor's client credentials at Dex. */
  public static Secret clientSecret(String namespace) {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(CLIENT_SECRET_NAME)
        .endMetadata()
        .withType("secrets.pinniped.dev/oidc-client")
        .withData(Map.of("clientID", base64(CLIENT_ID), "clientSecret", base64(CLIENT_SECRET)))
        .build();
  }

  /** The spec of an OIDCIdentityProvider for {@code dex}. */
  public static Map<String, Object> identityProviderSpec(DexServer dex) {
    return Map.of(
        "issuer", dex.issuer().toString(),
        "tls", Map.of("certificateAuthorityData", base64(dex.caPem())),
        "client", Map.of("secretName", CLIENT_SECRET_NAME),
        "authorizationConfig", Map.of("allowPasswordGrant", true),
        "claims", Map.of("username", "email"));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}

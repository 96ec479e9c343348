package dev.pinnipedjava.supervisor.upstream.ldap;

import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.ResourceCache;
import dev.pinnipedjava.controller.conditions.Conditions;
import dev.pinnipedjava.controller.conditions.DesiredCondition;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads a directory provider's bind Secret ({@code kubernetes.io/basic-auth}) into its credentials
 * and the {@code BindSecretValid} condition, with Pinniped's reasons and messages.
 */
public final class BindSecrets {
  public static final String TYPE = "kubernetes.io/basic-auth";
  public static final String USERNAME_KEY = "username";
  public static final String PASSWORD_KEY = "password";

  public static final String TYPE_BIND_SECRET_VALID = "BindSecretValid";
  public static final String REASON_SECRET_NOT_FOUND = "SecretNotFound";
  public static final String REASON_SECRET_WRONG_TYPE = "SecretWrongType";
  public static final String REASON_SECRET_MISSING_KEYS = "SecretMissingKeys";

  private final ResourceCache<Secret> secrets;

  public BindSecrets(ResourceCache<Secret> secrets) {
    this.secrets = secrets;
  }

  /**
   * The bind Secret's condition and credentials.
   *
   * @param resourceVersion part of the validated settings: a changed Secret is probed again
   */
  public record BindSecret(
      DesiredCondition condition, @Nullable BindCredentials credentials, String resourceVersion) {}

  public BindSecret read(String name, String namespace) {
    Secret secret =
        name.isEmpty() ? null : secrets.get(Key.namespaced(namespace, name)).orElse(null);
    if (secret == null) {
      return new BindSecret(
          DesiredCondition.isFalse(
              TYPE_BIND_SECRET_VALID, REASON_SECRET_NOT_FOUND, "secret \"" + name + "\" not found"),
          null,
          "");
    }
    String version = Objects.requireNonNullElse(secret.getMetadata().getResourceVersion(), "");
    if (!TYPE.equals(secret.getType())) {
      return new BindSecret(
          DesiredCondition.isFalse(
              TYPE_BIND_SECRET_VALID,
              REASON_SECRET_WRONG_TYPE,
              "referenced Secret \"%s\" has wrong type \"%s\" (should be \"%s\")"
                  .formatted(name, secret.getType(), TYPE)),
          null,
          version);
    }
    String username = data(secret, USERNAME_KEY);
    String password = data(secret, PASSWORD_KEY);
    if (username.isEmpty() || password.isEmpty()) {
      return new BindSecret(
          DesiredCondition.isFalse(
              TYPE_BIND_SECRET_VALID,
              REASON_SECRET_MISSING_KEYS,
              "referenced Secret \"%s\" is missing required keys [\"%s\" \"%s\"]"
                  .formatted(name, USERNAME_KEY, PASSWORD_KEY)),
          null,
          version);
    }
    return new BindSecret(
        DesiredCondition.isTrue(
            TYPE_BIND_SECRET_VALID, Conditions.REASON_SUCCESS, "loaded bind secret"),
        new BindCredentials(username, password),
        version);
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
}

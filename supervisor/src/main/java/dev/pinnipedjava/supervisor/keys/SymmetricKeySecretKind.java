package dev.pinnipedjava.supervisor.keys;

import dev.pinnipedjava.api.reference.LocalObjectReference;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainSecrets;
import java.security.SecureRandom;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One of a FederationDomain's 32-byte symmetric keys, as Pinniped's {@code generator} package
 * stores them: Secret {@code <prefix><FederationDomain UID>} with the key in data {@value
 * #DATA_KEY}.
 */
public enum SymmetricKeySecretKind implements FederationDomainSecretKind {
  /** HMAC key of opaque tokens; {@code status.secrets.tokenSigningKey}. */
  TOKEN_SIGNING(
      "pinniped-oidc-provider-hmac-key-",
      "secrets.pinniped.dev/federation-domain-token-signing-key",
      "tokenSigningKey"),
  /** Signs the upstream state parameter; {@code status.secrets.stateSigningKey}. */
  STATE_SIGNING(
      "pinniped-oidc-provider-upstream-state-signature-key-",
      "secrets.pinniped.dev/federation-domain-state-signing-key",
      "stateSigningKey"),
  /** Encrypts the upstream state parameter; {@code status.secrets.stateEncryptionKey}. */
  STATE_ENCRYPTION(
      "pinniped-oidc-provider-upstream-state-encryption-key-",
      "secrets.pinniped.dev/federation-domain-state-encryption-key",
      "stateEncryptionKey");

  public static final String DATA_KEY = "key";

  private final String namePrefix;
  private final String secretType;
  private final String statusField;

  SymmetricKeySecretKind(String namePrefix, String secretType, String statusField) {
    this.namePrefix = namePrefix;
    this.secretType = secretType;
    this.statusField = statusField;
  }

  @Override
  public String controllerName() {
    return namePrefix + "controller";
  }

  @Override
  public String secretType() {
    return secretType;
  }

  @Override
  public String secretName(FederationDomain federationDomain) {
    return namePrefix + federationDomain.getMetadata().getUid();
  }

  @Override
  public String statusField() {
    return statusField;
  }

  @Override
  public @Nullable LocalObjectReference statusReference(@Nullable FederationDomainSecrets secrets) {
    if (secrets == null) {
      return null;
    }
    return switch (this) {
      case TOKEN_SIGNING -> secrets.tokenSigningKey();
      case STATE_SIGNING -> secrets.stateSigningKey();
      case STATE_ENCRYPTION -> secrets.stateEncryptionKey();
    };
  }

  @Override
  public Map<String, byte[]> generate(SecureRandom random) {
    byte[] key = new byte[SymmetricKey.SIZE];
    random.nextBytes(key);
    return Map.of(DATA_KEY, key);
  }

  @Override
  public boolean isValid(Map<String, byte[]> data) {
    byte[] key = data.get(DATA_KEY);
    return key != null && key.length == SymmetricKey.SIZE;
  }

  @Override
  public FederationDomainKeys publish(FederationDomainKeys keys, Map<String, byte[]> data) {
    byte[] key = data.get(DATA_KEY);
    if (key == null || key.length != SymmetricKey.SIZE) {
      throw new IllegalArgumentException("invalid symmetric key Secret data");
    }
    return with(keys, new SymmetricKey(key));
  }

  @Override
  public FederationDomainKeys withdraw(FederationDomainKeys keys) {
    return with(keys, null);
  }

  private FederationDomainKeys with(FederationDomainKeys keys, @Nullable SymmetricKey key) {
    return switch (this) {
      case TOKEN_SIGNING -> keys.withTokenSigningKey(key);
      case STATE_SIGNING -> keys.withStateSigningKey(key);
      case STATE_ENCRYPTION -> keys.withStateEncryptionKey(key);
    };
  }
}

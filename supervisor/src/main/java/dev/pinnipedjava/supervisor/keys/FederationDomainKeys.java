package dev.pinnipedjava.supervisor.keys;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import org.jspecify.annotations.Nullable;

/**
 * The keys of one FederationDomain, as far as its controllers have loaded them. Immutable; each
 * controller replaces its own part.
 *
 * @param signingKey the private ES256 key that signs ID tokens
 * @param jwks the public keys that verify them, served at {@code /jwks.json}
 * @param tokenSigningKey the HMAC key of opaque tokens (authorization codes, access and refresh
 *     tokens)
 * @param stateSigningKey the key that signs the upstream state parameter
 * @param stateEncryptionKey the key that encrypts the upstream state parameter
 */
public record FederationDomainKeys(
    @Nullable ECKey signingKey,
    @Nullable JWKSet jwks,
    @Nullable SymmetricKey tokenSigningKey,
    @Nullable SymmetricKey stateSigningKey,
    @Nullable SymmetricKey stateEncryptionKey) {
  public static final FederationDomainKeys NONE =
      new FederationDomainKeys(null, null, null, null, null);

  public FederationDomainKeys withJwks(@Nullable ECKey signingKey, @Nullable JWKSet jwks) {
    return new FederationDomainKeys(
        signingKey, jwks, tokenSigningKey, stateSigningKey, stateEncryptionKey);
  }

  public FederationDomainKeys withTokenSigningKey(@Nullable SymmetricKey key) {
    return new FederationDomainKeys(signingKey, jwks, key, stateSigningKey, stateEncryptionKey);
  }

  public FederationDomainKeys withStateSigningKey(@Nullable SymmetricKey key) {
    return new FederationDomainKeys(signingKey, jwks, tokenSigningKey, key, stateEncryptionKey);
  }

  public FederationDomainKeys withStateEncryptionKey(@Nullable SymmetricKey key) {
    return new FederationDomainKeys(signingKey, jwks, tokenSigningKey, stateSigningKey, key);
  }

  public boolean isEmpty() {
    return equals(NONE);
  }

  @Override
  public String toString() {
    return "FederationDomainKeys[signingKey="
        + (signingKey == null ? "none" : signingKey.getKeyID())
        + ", tokenSigningKey="
        + (tokenSigningKey != null)
        + ", stateSigningKey="
        + (stateSigningKey != null)
        + ", stateEncryptionKey="
        + (stateEncryptionKey != null)
        + "]";
  }
}

package dev.pinnipedjava.supervisor.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.pinnipedjava.api.reference.LocalObjectReference;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainSecrets;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A FederationDomain's ID token signing key, as Pinniped's {@code jwks_writer.go} stores it: Secret
 * {@code <name>-jwks} of type {@value #SECRET_TYPE} with {@code activeJWK} (the private P-256 key,
 * kid {@value #KEY_ID}, alg ES256, use sig) and {@code jwks} (the public key set). The key is made
 * once and replaced only when missing or invalid: Pinniped has no rotation schedule.
 */
public final class JwksSecretKind implements FederationDomainSecretKind {
  public static final String SECRET_TYPE = "secrets.pinniped.dev/federation-domain-jwks";
  public static final String KEY_ID = "pinniped-supervisor-key";
  public static final String ACTIVE_JWK_KEY = "activeJWK";
  public static final String JWKS_KEY = "jwks";

  @Override
  public String controllerName() {
    return "JWKSController";
  }

  @Override
  public String secretType() {
    return SECRET_TYPE;
  }

  @Override
  public String secretName(FederationDomain federationDomain) {
    return federationDomain.getMetadata().getName() + "-jwks";
  }

  @Override
  public String statusField() {
    return "jwks";
  }

  @Override
  public @Nullable LocalObjectReference statusReference(@Nullable FederationDomainSecrets secrets) {
    return secrets == null ? null : secrets.jwks();
  }

  @Override
  public Map<String, byte[]> generate(SecureRandom random) {
    ECKey key;
    try {
      key =
          new ECKeyGenerator(Curve.P_256)
              .keyID(KEY_ID)
              .algorithm(JWSAlgorithm.ES256)
              .keyUse(KeyUse.SIGNATURE)
              .secureRandom(random)
              .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a P-256 key", e);
    }
    return Map.of(
        ACTIVE_JWK_KEY,
        key.toJSONString().getBytes(StandardCharsets.UTF_8),
        JWKS_KEY,
        new JWKSet(key.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean isValid(Map<String, byte[]> data) {
    return parse(data).isPresent();
  }

  @Override
  public FederationDomainKeys publish(FederationDomainKeys keys, Map<String, byte[]> data) {
    Parsed parsed =
        parse(data).orElseThrow(() -> new IllegalArgumentException("invalid JWKS Secret data"));
    return keys.withJwks(parsed.activeKey(), parsed.jwks());
  }

  @Override
  public FederationDomainKeys withdraw(FederationDomainKeys keys) {
    return keys.withJwks(null, null);
  }

  private record Parsed(ECKey activeKey, JWKSet jwks) {}

  /**
   * The keys, when {@code activeJWK} is a private EC key with a key ID and {@code jwks} holds only
   * public keys, among them one with that ID (Pinniped's checks).
   */
  private static Optional<Parsed> parse(Map<String, byte[]> data) {
    byte[] activeJson = data.get(ACTIVE_JWK_KEY);
    byte[] jwksJson = data.get(JWKS_KEY);
    if (activeJson == null || jwksJson == null) {
      return Optional.empty();
    }
    try {
      JWK active = JWK.parse(new String(activeJson, StandardCharsets.UTF_8));
      if (!(active instanceof ECKey activeKey)
          || !active.isPrivate()
          || active.getKeyID() == null
          || !Curve.P_256.equals(activeKey.getCurve())) {
        return Optional.empty();
      }
      JWKSet jwks = JWKSet.parse(new String(jwksJson, StandardCharsets.UTF_8));
      if (jwks.getKeys().stream().anyMatch(JWK::isPrivate)
          || jwks.getKeyByKeyId(active.getKeyID()) == null) {
        return Optional.empty();
      }
      return Optional.of(new Parsed(activeKey, jwks));
    } catch (ParseException e) {
      return Optional.empty();
    }
  }
}

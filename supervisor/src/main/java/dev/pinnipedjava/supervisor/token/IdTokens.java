package dev.pinnipedjava.supervisor.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.pinnipedjava.api.supervisor.oidc.IdTokenClaims;
import dev.pinnipedjava.api.supervisor.oidc.OidcScopes;
import dev.pinnipedjava.supervisor.session.DownstreamSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Mints the Supervisor's ID tokens (OpenID Connect Core 1.0 section 2): ES256 JWTs signed with the
 * FederationDomain's key, with Pinniped's claims: {@code username} and {@code groups} when those
 * scopes were granted, {@code additionalClaims} when there are any, and {@code azp}.
 */
public final class IdTokens {
  /**
   * JDK 17's SunEC signs P-256 at about twice Bouncy Castle's CPU cost; from JDK 21 its P-256
   * arithmetic is faster than Bouncy Castle's (measured on 17 and 25).
   */
  private static final boolean BOUNCY_CASTLE_SIGNS = Runtime.version().feature() < 21;

  private final Clock clock;
  private final SecureRandom random;

  /** The signer of the last key used: a FederationDomain's key changes rarely. */
  private volatile @Nullable KeySigner lastSigner;

  private record KeySigner(ECKey key, ECDSASigner signer) {
    @Override
    public String toString() {
      return "KeySigner[" + key.getKeyID() + "]";
    }
  }

  public IdTokens(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /**
   * What an ID token says.
   *
   * @param issuer the FederationDomain's issuer
   * @param audience the client ID, or the requested audience of a token exchange
   * @param clientId the client it is issued to ({@code azp})
   * @param grantedScopes decide whether {@code username} and {@code groups} are included
   * @param nonce the client's nonce, for tokens from the authorization code
   * @param accessToken the access token issued alongside, for {@code at_hash}
   * @param requestedAt when the login was requested ({@code rat})
   */
  public record Contents(
      String issuer,
      String audience,
      String clientId,
      DownstreamSession session,
      List<String> grantedScopes,
      @Nullable String nonce,
      @Nullable String accessToken,
      Instant requestedAt,
      Duration lifetime) {
    @Override
    public String toString() {
      return "IdTokens.Contents[issuer=" + issuer + ", audience=" + audience + "]";
    }
  }

  /** A signed ID token valid for the lifetime in {@code contents}. */
  public String mint(ECKey signingKey, Contents contents) {
    Instant now = clock.instant();
    DownstreamSession session = contents.session();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(contents.issuer())
            .subject(session.subject())
            .audience(contents.audience())
            .expirationTime(Date.from(now.plus(contents.lifetime())))
            .issueTime(Date.from(now))
            .jwtID(randomId())
            .claim("auth_time", session.authTime().getEpochSecond())
            .claim("rat", contents.requestedAt().getEpochSecond())
            .claim(IdTokenClaims.AUTHORIZED_PARTY, contents.clientId());
    if (contents.nonce() != null) {
      claims.claim("nonce", contents.nonce());
    }
    if (contents.accessToken() != null) {
      claims.claim("at_hash", accessTokenHash(contents.accessToken()));
    }
    if (contents.grantedScopes().contains(OidcScopes.USERNAME)) {
      claims.claim(IdTokenClaims.USERNAME, session.username());
    }
    if (contents.grantedScopes().contains(OidcScopes.GROUPS)) {
      claims.claim(IdTokenClaims.GROUPS, session.groups());
    }
    if (!session.additionalClaims().isEmpty()) {
      claims.claim(IdTokenClaims.ADDITIONAL_CLAIMS, session.additionalClaims());
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims.build());
    try {
      jwt.sign(signer(signingKey));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an ID token", e);
    }
    return jwt.serialize();
  }

  private ECDSASigner signer(ECKey key) throws JOSEException {
    KeySigner last = lastSigner;
    if (last != null && last.key().equals(key)) {
      return last.signer();
    }
    ECDSASigner signer = new ECDSASigner(key);
    signer.getJCAContext().setSecureRandom(random);
    if (BOUNCY_CASTLE_SIGNS) {
      signer.getJCAContext().setProvider(BouncyCastleProviderSingleton.getInstance());
    }
    lastSigner = new KeySigner(key, signer);
    return signer;
  }

  /** The token ID of audit events: SHA-256 of the token, hex. */
  public static String tokenId(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  /** OpenID Connect Core 1.0 section 3.1.3.6: the left half of SHA-256, base64url. */
  static String accessTokenHash(String accessToken) {
    byte[] hash = sha256(accessToken);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Arrays.copyOf(hash, hash.length / 2));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private String randomId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}

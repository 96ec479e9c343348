package dev.pinnipedjava.supervisor.oauth.state;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.pinnipedjava.supervisor.keys.SymmetricKey;
import dev.pinnipedjava.supervisor.token.TokenLifetimes;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;

/**
 * Encodes the upstream state as a JWT signed with HMAC-SHA256 under the state signing key, then
 * encrypted with AES-256-GCM under the state encryption key (JWE {@code dir}): the upstream sees
 * nothing, and nothing but this FederationDomain can make one. Valid for {@link
 * TokenLifetimes#UPSTREAM_STATE}, like Pinniped's securecookie max age.
 */
public final class UpstreamStateCodec {
  private final Clock clock;

  public UpstreamStateCodec(Clock clock) {
    this.clock = clock;
  }

  /** The keys of one FederationDomain that protect its states. */
  public record Keys(SymmetricKey signing, SymmetricKey encryption) {}

  public String encode(UpstreamState state, Keys keys) {
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .claim("p", state.authParams())
            .claim("u", state.upstreamName())
            .claim("t", state.upstreamType())
            .claim("n", state.nonce())
            .claim("c", state.csrfToken())
            .claim("k", state.codeVerifier())
            .claim("v", state.formatVersion())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(TokenLifetimes.UPSTREAM_STATE)))
            .build();
    try {
      SignedJWT signed = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      signed.sign(new MACSigner(keys.signing().bytes()));
      JWEObject encrypted =
          new JWEObject(
              new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                  .contentType("JWT")
                  .build(),
              new Payload(signed));
      encrypted.encrypt(new DirectEncrypter(keys.encryption().bytes()));
      return encrypted.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot protect the upstream state", e);
    }
  }

  /**
   * The state in {@code encoded}.
   *
   * @throws InvalidStateException when it was not made with these keys, was changed, expired, or is
   *     of another format version
   */
  public UpstreamState decode(String encoded, Keys keys) throws InvalidStateException {
    JWTClaimsSet claims;
    try {
      JWEObject encrypted = JWEObject.parse(encoded);
      if (!JWEAlgorithm.DIR.equals(encrypted.getHeader().getAlgorithm())
          || !EncryptionMethod.A256GCM.equals(encrypted.getHeader().getEncryptionMethod())) {
        throw unreadable();
      }
      encrypted.decrypt(new DirectDecrypter(keys.encryption().bytes()));
      SignedJWT signed = encrypted.getPayload().toSignedJWT();
      if (signed == null
          || !JWSAlgorithm.HS256.equals(signed.getHeader().getAlgorithm())
          || !signed.verify(new MACVerifier(keys.signing().bytes()))) {
        throw unreadable();
      }
      claims = signed.getJWTClaimsSet();
    } catch (ParseException | JOSEException | IllegalStateException e) {
      throw unreadable();
    }
    Date expires = claims.getExpirationTime();
    if (expires == null || !clock.instant().isBefore(expires.toInstant())) {
      throw unreadable();
    }
    try {
      String version = claims.getStringClaim("v");
      if (!UpstreamState.FORMAT_VERSION.equals(version)) {
        throw new InvalidStateException(
            InvalidStateException.Reason.WRONG_FORMAT_VERSION, "state format version is invalid");
      }
      return new UpstreamState(
          required(claims, "p"),
          required(claims, "u"),
          required(claims, "t"),
          required(claims, "n"),
          required(claims, "c"),
          required(claims, "k"),
          version);
    } catch (ParseException e) {
      throw unreadable();
    }
  }

  private static String required(JWTClaimsSet claims, String name)
      throws ParseException, InvalidStateException {
    String value = claims.getStringClaim(name);
    if (value == null) {
      throw unreadable();
    }
    return value;
  }

  private static InvalidStateException unreadable() {
    return new InvalidStateException(
        InvalidStateException.Reason.UNREADABLE, "error reading state");
  }
}

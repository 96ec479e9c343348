package dev.pinnipedjava.concierge.authenticator.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import dev.pinnipedjava.concierge.authenticator.AuthenticationResult;
import dev.pinnipedjava.concierge.authenticator.TokenAuthenticator;
import dev.pinnipedjava.concierge.authenticator.jwt.cel.CelClaims;
import dev.pinnipedjava.concierge.authenticator.jwt.cel.IdentityRules;
import dev.pinnipedjava.concierge.authenticator.jwt.cel.RuleFailure;
import java.io.Closeable;
import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Validates JWTs the way Kubernetes' OIDC authenticator does for one issuer: an RS256 or ES256
 * signature by a key of the issuer's JWKS, the exact issuer, the audience, an {@code exp} in the
 * future and an {@code nbf} not ahead by more than a minute. Then the claim rules; the user is the
 * username and groups from their expressions or claims, without prefixes, with the uid and extra
 * from their expressions; then the user rules. A failed rule is a rejection like any other.
 *
 * <p>Unlike Kubernetes, usernames and groups starting with {@code system:} are refused: those names
 * belong to the cluster, and an identity provider granting one could make its users cluster
 * components (Pinniped issue #983).
 */
public final class JwtTokenAuthenticator implements TokenAuthenticator {
  private static final Logger LOG = Logger.getLogger(JwtTokenAuthenticator.class);

  /** RS256 is what OIDC requires; ES256 is what the Supervisor signs with. */
  public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

  /** Longer tokens are refused before any parsing work. */
  public static final int MAX_TOKEN_LENGTH = 64 * 1024;

  /** How far {@code nbf} may lie ahead of this server's clock, as go-oidc allows. */
  private static final Duration NOT_BEFORE_LEEWAY = Duration.ofMinutes(1);

  private static final String RESERVED_PREFIX = "system:";

  private final JwtAuthenticatorSettings settings;
  private final JWKSource<SecurityContext> keys;
  private final DefaultJWTProcessor<SecurityContext> processor;
  private final Clock clock;

  /**
   * @param keys the issuer's signing keys; closed with this authenticator when it is {@link
   *     Closeable}
   */
  public JwtTokenAuthenticator(
      JwtAuthenticatorSettings settings, JWKSource<SecurityContext> keys, Clock clock) {
    this.settings = settings;
    this.keys = keys;
    this.clock = clock;
    this.processor = new DefaultJWTProcessor<>();
    // Kubernetes does not look at "typ"; tokens of many providers carry other values.
    processor.setJWSTypeVerifier((type, context) -> {});
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    // Claims are checked below, against the injected clock.
    processor.setJWTClaimsSetVerifier((claims, context) -> {});
  }

  public JwtAuthenticatorSettings settings() {
    return settings;
  }

  @Override
  public AuthenticationResult authenticate(String token) {
    if (token.length() > MAX_TOKEN_LENGTH) {
      return rejected("token is longer than " + MAX_TOKEN_LENGTH + " characters");
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      return rejected("token is not a JWT");
    }
    if (jwt instanceof PlainJWT) {
      return rejected("token is not signed (alg none)");
    }
    if (jwt instanceof EncryptedJWT) {
      return rejected("encrypted tokens are not supported");
    }
    SignedJWT signed = (SignedJWT) jwt;
    JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
    if (!ALGORITHMS.contains(algorithm)) {
      return rejected("token is signed with " + algorithm + ", not RS256 or ES256");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(signed, null);
    } catch (BadJOSEException e) {
      return rejected("token signature is not valid: " + e.getMessage());
    } catch (JOSEException e) {
      return new AuthenticationResult.Failed(
          "cannot verify the token signature: " + e.getMessage());
    }
    String problem = claimsProblem(claims);
    if (problem != null) {
      return rejected(problem);
    }
    return user(claims);
  }

  /** A JWT whose {@code iss} is this authenticator's issuer is for this authenticator alone. */
  @Override
  public boolean claims(String token) {
    if (token.length() > MAX_TOKEN_LENGTH) {
      return false;
    }
    try {
      JWT jwt = JWTParser.parse(token);
      return settings.issuer().equals(jwt.getJWTClaimsSet().getIssuer());
    } catch (ParseException e) {
      return false;
    }
  }

  /** What is wrong with the registered claims, or null when they are acceptable. */
  private @Nullable String claimsProblem(JWTClaimsSet claims) {
    if (!settings.issuer().equals(claims.getIssuer())) {
      return "token issuer " + quoted(claims.getIssuer()) + " is not " + quoted(settings.issuer());
    }
    List<String> audiences = claims.getAudience();
    if (!audiences.contains(settings.audience())) {
      return "token audience " + audiences + " does not contain " + quoted(settings.audience());
    }
    Instant now = clock.instant();
    Date expiry = claims.getExpirationTime();
    if (expiry == null) {
      return "token has no expiry (exp)";
    }
    if (expiry.toInstant().isBefore(now)) {
      return "token expired at " + expiry.toInstant();
    }
    Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && now.plus(NOT_BEFORE_LEEWAY).isBefore(notBefore.toInstant())) {
      return "token is not valid before " + notBefore.toInstant();
    }
    return null;
  }

  private AuthenticationResult user(JWTClaimsSet claimsSet) {
    IdentityRules rules = settings.rules();
    CelClaims claims = CelClaims.of(claimsSet.toJSONObject());
    try {
      rules.checkClaims(claims);
      String name = rules.mapsUsername() ? rules.username(claims) : usernameClaim(claimsSet);
      List<String> groups = rules.mapsGroups() ? rules.groups(claims) : groupsClaim(claimsSet);
      if (name.startsWith(RESERVED_PREFIX)) {
        return rejected("username starts with the reserved prefix " + RESERVED_PREFIX);
      }
      if (groups.stream().anyMatch(group -> group.startsWith(RESERVED_PREFIX))) {
        return rejected("a group starts with the reserved prefix " + RESERVED_PREFIX);
      }
      KubernetesUser user =
          new KubernetesUser(name, rules.uid(claims), groups, rules.extra(claims));
      rules.checkUser(user);
      return new AuthenticationResult.Authenticated(user);
    } catch (RuleFailure e) {
      return rejected(e.getMessage());
    }
  }

  private String usernameClaim(JWTClaimsSet claims) throws RuleFailure {
    Object username = claims.getClaim(settings.usernameClaim());
    if (!(username instanceof String name) || name.isEmpty()) {
      throw new RuleFailure(
          "claim " + quoted(settings.usernameClaim()) + " is not a non-empty string");
    }
    if (settings.usernameClaim().equals("email")) {
      // As Kubernetes: an email that the provider says is unverified is no identity.
      Object verified = claims.getClaim("email_verified");
      if (verified != null && !Boolean.TRUE.equals(verified)) {
        throw new RuleFailure("email is not verified (email_verified)");
      }
    }
    return name;
  }

  private List<String> groupsClaim(JWTClaimsSet claims) throws RuleFailure {
    Object groupsClaim = claims.getClaim(settings.groupsClaim());
    List<String> groups = new ArrayList<>();
    if (groupsClaim instanceof String group) {
      groups.add(group);
    } else if (groupsClaim instanceof List<?> list) {
      for (Object group : list) {
        if (!(group instanceof String text)) {
          throw new RuleFailure(
              "claim " + quoted(settings.groupsClaim()) + " holds a non-string value");
        }
        groups.add(text);
      }
    } else if (groupsClaim != null) {
      throw new RuleFailure(
          "claim " + quoted(settings.groupsClaim()) + " is not a string or a list of strings");
    }
    return groups;
  }

  private static AuthenticationResult rejected(String reason) {
    return new AuthenticationResult.Rejected(reason);
  }

  private static String quoted(@Nullable String value) {
    return value == null ? "(none)" : "\"" + value + "\"";
  }

  @Override
  public void close() {
    if (keys instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException e) {
        LOG.debugf("closing the key source of %s failed: %s", settings.issuer(), e);
      }
    }
  }
}

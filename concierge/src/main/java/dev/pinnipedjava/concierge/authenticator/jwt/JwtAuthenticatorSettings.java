package dev.pinnipedjava.concierge.authenticator.jwt;

import dev.pinnipedjava.concierge.authenticator.CaBundle;
import dev.pinnipedjava.concierge.authenticator.jwt.cel.IdentityRules;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A JWTAuthenticator's validated spec: what a token must say and how to read the user from it.
 *
 * @param issuer the exact {@code iss} tokens must carry, also where discovery starts
 * @param audience a value {@code aud} must contain
 * @param usernameClaim the claim holding the username
 * @param groupsClaim the claim holding the groups (a string or a list of strings)
 * @param caBundle CAs to trust when calling the issuer; null trusts the JDK's roots
 * @param rules claim rules, identity expressions and user rules; they take precedence over the
 *     claim names
 */
public record JwtAuthenticatorSettings(
    String issuer,
    String audience,
    String usernameClaim,
    String groupsClaim,
    @Nullable CaBundle caBundle,
    IdentityRules rules) {

  /** Settings reading the user from claims by name only. */
  public JwtAuthenticatorSettings(
      String issuer,
      String audience,
      String usernameClaim,
      String groupsClaim,
      @Nullable CaBundle caBundle) {
    this(issuer, audience, usernameClaim, groupsClaim, caBundle, IdentityRules.none());
  }

  /** Pinniped's defaults, matching the claims the Supervisor puts in its tokens. */
  public static final String DEFAULT_USERNAME_CLAIM = "username";

  public static final String DEFAULT_GROUPS_CLAIM = "groups";

  /**
   * Whether a token verifier built for {@code other} would behave exactly like one built for these
   * settings, so that the issuer need not be probed again.
   */
  public boolean sameAs(JwtAuthenticatorSettings other) {
    return issuer.equals(other.issuer)
        && audience.equals(other.audience)
        && usernameClaim.equals(other.usernameClaim)
        && groupsClaim.equals(other.groupsClaim)
        && rules.sameAs(other.rules)
        && Objects.equals(
            caBundle == null ? null : caBundle.sha256(),
            other.caBundle == null ? null : other.caBundle.sha256());
  }
}

package dev.pinnipedjava.supervisor.upstream.oidc;

import dev.pinnipedjava.api.supervisor.oidc.IdTokenClaims;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Maps the claims of an upstream ID token (merged with userinfo) to an identity, as an
 * OIDCIdentityProvider's {@code spec.claims} says, with Pinniped's rules: the username defaults to
 * {@code <iss>?sub=<sub>}; an {@code email} username needs {@code email_verified} to be true when
 * present; groups may be a string or an array of strings.
 *
 * @param usernameClaim the claim holding the username; null for the default
 * @param groupsClaim the claim holding the groups; null for none
 * @param additionalClaimMappings downstream claim name to upstream claim name
 */
record OidcClaimsMapping(
    @Nullable String usernameClaim,
    @Nullable String groupsClaim,
    Map<String, String> additionalClaimMappings) {
  static final String EMAIL = "email";
  static final String EMAIL_VERIFIED = "email_verified";

  OidcClaimsMapping {
    additionalClaimMappings = Map.copyOf(additionalClaimMappings);
  }

  /** Claims that do not map to an identity; the message is safe to show the user. */
  static final class InvalidClaimsException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;

    InvalidClaimsException(String reason) {
      super(reason);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }

  /**
   * The identity in {@code claims}.
   *
   * @param displayName the provider's display name, part of the downstream subject
   */
  UpstreamIdentity identity(Map<String, Object> claims, String displayName)
      throws InvalidClaimsException {
    String issuer = requiredString(claims, IdTokenClaims.ISSUER);
    String subject = requiredString(claims, IdTokenClaims.SUBJECT);
    return new UpstreamIdentity(
        downstreamSubject(issuer, subject, displayName),
        username(claims, issuer, subject),
        groups(claims).orElse(List.of()),
        additionalClaims(claims));
  }

  /** {@code <upstream iss>?idpName=<display name>&sub=<upstream sub>}, as Pinniped's. */
  static String downstreamSubject(String issuer, String subject, String displayName) {
    return issuer
        + "?"
        + IdTokenClaims.SUBJECT_IDP_NAME_QUERY_PARAM
        + "="
        + queryEscape(displayName)
        + "&sub="
        + queryEscape(subject);
  }

  String username(Map<String, Object> claims, String issuer, String subject)
      throws InvalidClaimsException {
    if (usernameClaim == null) {
      return issuer + "?sub=" + queryEscape(subject);
    }
    if (EMAIL.equals(usernameClaim) && claims.containsKey(EMAIL_VERIFIED)) {
      if (!(claims.get(EMAIL_VERIFIED) instanceof Boolean verified)) {
        throw new InvalidClaimsException(
            "email_verified claim in upstream ID token has invalid format");
      }
      if (!verified) {
        throw new InvalidClaimsException(
            "email_verified claim in upstream ID token has false value");
      }
    }
    return requiredString(claims, usernameClaim);
  }

  /** The groups, when the groups claim is configured and present. */
  Optional<List<String>> groups(Map<String, Object> claims) throws InvalidClaimsException {
    if (groupsClaim == null || !claims.containsKey(groupsClaim)) {
      return Optional.empty();
    }
    Object value = claims.get(groupsClaim);
    if (value instanceof String single) {
      return Optional.of(List.of(single));
    }
    if (value instanceof List<?> list) {
      List<String> groups = new ArrayList<>();
      for (Object item : list) {
        if (!(item instanceof String group)) {
          throw new InvalidClaimsException("groups claim in upstream ID token has invalid format");
        }
        groups.add(group);
      }
      return Optional.of(List.copyOf(groups));
    }
    throw new InvalidClaimsException("groups claim in upstream ID token has invalid format");
  }

  Map<String, Object> additionalClaims(Map<String, Object> claims) {
    Map<String, Object> mapped = new LinkedHashMap<>();
    additionalClaimMappings.forEach(
        (downstream, upstream) -> {
          Object value = claims.get(upstream);
          if (value != null) {
            mapped.put(downstream, value);
          }
        });
    return mapped;
  }

  private static String requiredString(Map<String, Object> claims, String name)
      throws InvalidClaimsException {
    Object value = claims.get(name);
    if (value == null) {
      throw new InvalidClaimsException("required claim in upstream ID token missing");
    }
    if (!(value instanceof String text)) {
      throw new InvalidClaimsException("required claim in upstream ID token has invalid format");
    }
    if (text.isEmpty()) {
      throw new InvalidClaimsException("required claim in upstream ID token is empty");
    }
    return text;
  }

  /** Go's url.QueryEscape: all but letters, digits and {@code -_.~} escaped, space as '+'. */
  private static String queryEscape(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
  }
}

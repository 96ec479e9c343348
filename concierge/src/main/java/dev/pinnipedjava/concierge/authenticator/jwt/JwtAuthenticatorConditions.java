package dev.pinnipedjava.concierge.authenticator.jwt;

/**
 * The status vocabulary of JWTAuthenticator beyond {@code AuthenticatorConditions}, as Pinniped's
 * jwtcachefiller writes it.
 */
final class JwtAuthenticatorConditions {
  private JwtAuthenticatorConditions() {}

  static final String ISSUER_URL_VALID = "IssuerURLValid";
  static final String DISCOVERY_URL_VALID = "DiscoveryURLValid";
  static final String JWKS_URL_VALID = "JWKSURLValid";
  static final String JWKS_FETCH_VALID = "JWKSFetchValid";

  static final String REASON_INVALID_ISSUER_URL = "InvalidIssuerURL";
  static final String REASON_INVALID_ISSUER_URL_SCHEME = "InvalidIssuerURLScheme";
  static final String REASON_INVALID_ISSUER_URL_FRAGMENT = "InvalidIssuerURLContainsFragment";
  static final String REASON_INVALID_ISSUER_URL_QUERY = "InvalidIssuerURLContainsQueryParams";
  static final String REASON_INVALID_ISSUER_URL_WELL_KNOWN =
      "InvalidIssuerURLContainsWellKnownEndpoint";
  static final String REASON_INVALID_DISCOVERY_PROBE = "InvalidDiscoveryProbe";
  static final String REASON_INVALID_JWKS_URL = "InvalidProviderJWKSURL";
  static final String REASON_INVALID_JWKS_URL_SCHEME = "InvalidProviderJWKSURLScheme";
  static final String REASON_COULD_NOT_FETCH_JWKS = "InvalidCouldNotFetchJWKS";

  /** A claim rule, identity expression or user rule that does not compile or has the wrong type. */
  static final String REASON_INVALID_CLAIM_RULES = "InvalidClaimValidationRulesOrMappings";
}

package dev.pinnipedjava.concierge.authenticator.jwt;

/** The status vocabulary of JWTAuthenticator, as Pinniped's jwtcachefiller writes it. */
final class JwtAuthenticatorConditions {
  private JwtAuthenticatorConditions() {}

  static final String READY = "Ready";
  static final String ISSUER_URL_VALID = "IssuerURLValid";
  static final String DISCOVERY_URL_VALID = "DiscoveryURLValid";
  static final String JWKS_URL_VALID = "JWKSURLValid";
  static final String JWKS_FETCH_VALID = "JWKSFetchValid";
  static final String AUTHENTICATOR_VALID = "AuthenticatorValid";
  static final String TLS_CONFIGURATION_VALID = "TLSConfigurationValid";

  static final String REASON_SUCCESS = "Success";
  static final String REASON_NOT_READY = "NotReady";
  static final String REASON_UNABLE_TO_VALIDATE = "UnableToValidate";
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
  static final String REASON_INVALID_TLS_CONFIG = "InvalidTLSConfig";

  static final String MESSAGE_UNABLE_TO_VALIDATE =
      "unable to validate; see other conditions for details";
}

package dev.pinnipedjava.supervisor.federation.controller;

/** The condition types and reasons of a FederationDomain's status, as Pinniped's. */
public final class FederationDomainConditions {
  public static final String TYPE_READY = "Ready";
  public static final String TYPE_ISSUER_URL_VALID = "IssuerURLValid";
  public static final String TYPE_ONE_TLS_SECRET_PER_ISSUER_HOSTNAME =
      "OneTLSSecretPerIssuerHostname";
  public static final String TYPE_ISSUER_IS_UNIQUE = "IssuerIsUnique";
  public static final String TYPE_IDENTITY_PROVIDERS_FOUND = "IdentityProvidersFound";
  public static final String TYPE_IDENTITY_PROVIDERS_DISPLAY_NAMES_UNIQUE =
      "IdentityProvidersDisplayNamesUnique";
  public static final String TYPE_IDENTITY_PROVIDERS_API_GROUP_SUFFIX_VALID =
      "IdentityProvidersObjectRefAPIGroupSuffixValid";
  public static final String TYPE_IDENTITY_PROVIDERS_OBJECT_REF_KIND_VALID =
      "IdentityProvidersObjectRefKindValid";
  public static final String TYPE_TRANSFORMS_EXPRESSIONS_VALID = "TransformsExpressionsValid";
  public static final String TYPE_TRANSFORMS_EXAMPLES_PASSED = "TransformsExamplesPassed";

  public static final String REASON_SUCCESS = "Success";
  public static final String REASON_NOT_READY = "NotReady";
  public static final String REASON_UNABLE_TO_VALIDATE = "UnableToValidate";
  public static final String REASON_INVALID_ISSUER_URL = "InvalidIssuerURL";
  public static final String REASON_DUPLICATE_ISSUER = "DuplicateIssuer";
  public static final String REASON_DIFFERENT_SECRET_REFS_FOUND = "DifferentSecretRefsFound";
  public static final String REASON_LEGACY_CONFIGURATION_SUCCESS = "LegacyConfigurationSuccess";
  public static final String REASON_LEGACY_CONFIGURATION_IDENTITY_PROVIDER_NOT_FOUND =
      "LegacyConfigurationIdentityProviderNotFound";
  public static final String REASON_IDENTITY_PROVIDERS_OBJECT_REFS_NOT_FOUND =
      "IdentityProvidersObjectRefsNotFound";
  public static final String REASON_IDENTITY_PROVIDER_NOT_SPECIFIED =
      "IdentityProviderNotSpecified";
  public static final String REASON_DUPLICATE_DISPLAY_NAMES = "DuplicateDisplayNames";
  public static final String REASON_API_GROUP_UNRECOGNIZED = "APIGroupUnrecognized";
  public static final String REASON_KIND_UNRECOGNIZED = "KindUnrecognized";
  public static final String REASON_INVALID_TRANSFORMS_EXPRESSIONS = "InvalidTransformsExpressions";
  public static final String REASON_TRANSFORMS_EXAMPLES_FAILED = "TransformsExamplesFailed";

  private FederationDomainConditions() {}
}

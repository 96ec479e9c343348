package dev.pinnipedjava.supervisor.oidcclient;

import dev.pinnipedjava.api.supervisor.config.v1alpha1.AllowedGrantType;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.AllowedScope;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.OIDCClient;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.OIDCClientSpec;
import dev.pinnipedjava.controller.conditions.Conditions;
import dev.pinnipedjava.controller.conditions.DesiredCondition;
import dev.pinnipedjava.supervisor.clientsecret.Bcrypt;
import dev.pinnipedjava.supervisor.clientsecret.ClientSecretDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Pinniped's OIDCClient rules ({@code oidcclientvalidator}): the grant types and scopes that
 * require each other, and at least one stored secret, every one a bcrypt hash of cost at least
 * {@link Bcrypt#MIN_COST}. The CRD already checks the name prefix, redirect URI patterns, the
 * allowed values and the ID token lifetime range.
 */
public final class OidcClientValidator {
  public static final String TYPE_ALLOWED_GRANT_TYPES_VALID = "AllowedGrantTypesValid";
  public static final String TYPE_ALLOWED_SCOPES_VALID = "AllowedScopesValid";
  public static final String TYPE_CLIENT_SECRET_EXISTS = "ClientSecretExists";
  public static final String REASON_MISSING_REQUIRED_VALUE = "MissingRequiredValue";
  public static final String REASON_NO_CLIENT_SECRET_FOUND = "NoClientSecretFound";
  public static final String REASON_INVALID_CLIENT_SECRET_FOUND = "InvalidClientSecretFound";

  private static final String GRANT_TYPES = "allowedGrantTypes";
  private static final String SCOPES = "allowedScopes";

  private OidcClientValidator() {}

  /**
   * Validates {@code client}.
   *
   * @param storedSecrets the client's secret storage document; empty when it has none
   */
  public static OidcClientValidation validate(
      OIDCClient client, Optional<ClientSecretDocument> storedSecrets) {
    OIDCClientSpec spec = client.getSpec();
    Set<AllowedGrantType> grants =
        spec == null || spec.allowedGrantTypes() == null
            ? Set.of()
            : Set.copyOf(spec.allowedGrantTypes());
    Set<AllowedScope> scopes =
        spec == null || spec.allowedScopes() == null ? Set.of() : Set.copyOf(spec.allowedScopes());
    List<DesiredCondition> conditions = new ArrayList<>();
    conditions.add(grantTypes(grants, scopes));
    conditions.add(scopes(grants, scopes));
    List<String> hashes = new ArrayList<>();
    conditions.add(secrets(storedSecrets, hashes));
    OidcClientValidation validation = new OidcClientValidation(conditions, hashes);
    return validation.valid() ? validation : new OidcClientValidation(conditions, List.of());
  }

  private static DesiredCondition grantTypes(
      Set<AllowedGrantType> grants, Set<AllowedScope> scopes) {
    List<String> problems = new ArrayList<>();
    if (!grants.contains(AllowedGrantType.AUTHORIZATION_CODE)) {
      problems.add(always("authorization_code", GRANT_TYPES));
    }
    if (scopes.contains(AllowedScope.OFFLINE_ACCESS)
        && !grants.contains(AllowedGrantType.REFRESH_TOKEN)) {
      problems.add(requiredWhen("refresh_token", GRANT_TYPES, "offline_access", SCOPES));
    }
    if (scopes.contains(AllowedScope.REQUEST_AUDIENCE)
        && !grants.contains(AllowedGrantType.TOKEN_EXCHANGE)) {
      problems.add(
          requiredWhen(
              "urn:ietf:params:oauth:grant-type:token-exchange",
              GRANT_TYPES,
              "pinniped:request-audience",
              SCOPES));
    }
    return condition(TYPE_ALLOWED_GRANT_TYPES_VALID, GRANT_TYPES, problems);
  }

  private static DesiredCondition scopes(Set<AllowedGrantType> grants, Set<AllowedScope> scopes) {
    List<String> problems = new ArrayList<>();
    if (!scopes.contains(AllowedScope.OPENID)) {
      problems.add(always("openid", SCOPES));
    }
    if (grants.contains(AllowedGrantType.REFRESH_TOKEN)
        && !scopes.contains(AllowedScope.OFFLINE_ACCESS)) {
      problems.add(requiredWhen("offline_access", SCOPES, "refresh_token", GRANT_TYPES));
    }
    if (scopes.contains(AllowedScope.REQUEST_AUDIENCE)
        && (!scopes.contains(AllowedScope.USERNAME) || !scopes.contains(AllowedScope.GROUPS))) {
      problems.add(
          "\"username\" and \"groups\" must be included in \""
              + SCOPES
              + "\" when \"pinniped:request-audience\" is included in \""
              + SCOPES
              + "\"");
    }
    if (grants.contains(AllowedGrantType.TOKEN_EXCHANGE)
        && !scopes.contains(AllowedScope.REQUEST_AUDIENCE)) {
      problems.add(
          requiredWhen(
              "pinniped:request-audience",
              SCOPES,
              "urn:ietf:params:oauth:grant-type:token-exchange",
              GRANT_TYPES));
    }
    return condition(TYPE_ALLOWED_SCOPES_VALID, SCOPES, problems);
  }

  private static DesiredCondition secrets(
      Optional<ClientSecretDocument> stored, List<String> usable) {
    if (stored.isEmpty()) {
      return DesiredCondition.isFalse(
          TYPE_CLIENT_SECRET_EXISTS,
          REASON_NO_CLIENT_SECRET_FOUND,
          "no client secret found (no Secret storage found)");
    }
    List<String> hashes = stored.get().hashes();
    if (hashes.isEmpty()) {
      return DesiredCondition.isFalse(
          TYPE_CLIENT_SECRET_EXISTS,
          REASON_NO_CLIENT_SECRET_FOUND,
          "no client secret found (empty list in storage)");
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < hashes.size(); i++) {
      OptionalInt cost = Bcrypt.cost(hashes.get(i));
      if (cost.isEmpty()) {
        problems.add("hashed client secret at index " + i + ": not a bcrypt hash");
      } else if (cost.getAsInt() < Bcrypt.MIN_COST) {
        problems.add(
            "hashed client secret at index "
                + i
                + ": bcrypt cost "
                + cost.getAsInt()
                + " is below the required minimum of "
                + Bcrypt.MIN_COST);
      }
    }
    if (!problems.isEmpty()) {
      return DesiredCondition.isFalse(
          TYPE_CLIENT_SECRET_EXISTS,
          REASON_INVALID_CLIENT_SECRET_FOUND,
          hashes.size()
              + " stored client secrets found, but some were invalid, so none will be used: "
              + String.join("; ", problems));
    }
    usable.addAll(hashes);
    return DesiredCondition.isTrue(
        TYPE_CLIENT_SECRET_EXISTS,
        Conditions.REASON_SUCCESS,
        hashes.size() + " client secret(s) found");
  }

  private static DesiredCondition condition(String type, String field, List<String> problems) {
    return problems.isEmpty()
        ? DesiredCondition.isTrue(type, Conditions.REASON_SUCCESS, "\"" + field + "\" is valid")
        : DesiredCondition.isFalse(
            type, REASON_MISSING_REQUIRED_VALUE, String.join("; ", problems));
  }

  private static String always(String value, String field) {
    return "\"" + value + "\" must always be included in \"" + field + "\"";
  }

  private static String requiredWhen(
      String value, String field, String otherValue, String otherField) {
    return "\""
        + value
        + "\" must be included in \""
        + field
        + "\" when \""
        + otherValue
        + "\" is included in \""
        + otherField
        + "\"";
  }
}

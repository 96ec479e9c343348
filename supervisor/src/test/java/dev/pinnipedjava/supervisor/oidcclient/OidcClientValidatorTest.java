package dev.pinnipedjava.supervisor.oidcclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.AllowedGrantType;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.AllowedScope;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.OIDCClient;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.OIDCClientSpec;
import dev.pinnipedjava.controller.conditions.DesiredCondition;
import dev.pinnipedjava.supervisor.clientsecret.Bcrypt;
import dev.pinnipedjava.supervisor.clientsecret.ClientSecretDocument;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OidcClientValidatorTest {
  private static final Bcrypt BCRYPT = new Bcrypt(new SecureRandom());
  private static final String GOOD_HASH = BCRYPT.hash("secret-1", Bcrypt.MIN_COST);
  private static final String CHEAP_HASH = BCRYPT.hash("secret-2", 4);

  private static final List<AllowedGrantType> ALL_GRANTS = List.of(AllowedGrantType.values());
  private static final List<AllowedScope> ALL_SCOPES = List.of(AllowedScope.values());

  record Case(
      String name,
      List<AllowedGrantType> grants,
      List<AllowedScope> scopes,
      @Nullable List<String> storedHashes,
      Map<String, String> wantFalseMessages,
      int wantUsableSecrets) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("everything allowed", ALL_GRANTS, ALL_SCOPES, List.of(GOOD_HASH), Map.of(), 1),
        new Case(
            "only the required values",
            List.of(AllowedGrantType.AUTHORIZATION_CODE),
            List.of(AllowedScope.OPENID),
            List.of(GOOD_HASH, GOOD_HASH),
            Map.of(),
            2),
        new Case(
            "authorization_code and openid missing",
            List.of(AllowedGrantType.REFRESH_TOKEN),
            List.of(AllowedScope.OFFLINE_ACCESS),
            List.of(GOOD_HASH),
            Map.of(
                "AllowedGrantTypesValid",
                "\"authorization_code\" must always be included in \"allowedGrantTypes\"",
                "AllowedScopesValid",
                "\"openid\" must always be included in \"allowedScopes\""),
            0),
        new Case(
            "offline_access without refresh_token",
            List.of(AllowedGrantType.AUTHORIZATION_CODE),
            List.of(AllowedScope.OPENID, AllowedScope.OFFLINE_ACCESS),
            List.of(GOOD_HASH),
            Map.of(
                "AllowedGrantTypesValid",
                "\"refresh_token\" must be included in \"allowedGrantTypes\" when"
                    + " \"offline_access\" is included in \"allowedScopes\""),
            0),
        new Case(
            "refresh_token without offline_access",
            List.of(AllowedGrantType.AUTHORIZATION_CODE, AllowedGrantType.REFRESH_TOKEN),
            List.of(AllowedScope.OPENID),
            List.of(GOOD_HASH),
            Map.of(
                "AllowedScopesValid",
                "\"offline_access\" must be included in \"allowedScopes\" when \"refresh_token\""
                    + " is included in \"allowedGrantTypes\""),
            0),
        new Case(
            "request-audience without token exchange, username and groups",
            List.of(AllowedGrantType.AUTHORIZATION_CODE),
            List.of(AllowedScope.OPENID, AllowedScope.REQUEST_AUDIENCE),
            List.of(GOOD_HASH),
            Map.of(
                "AllowedGrantTypesValid",
                "\"urn:ietf:params:oauth:grant-type:token-exchange\" must be included in"
                    + " \"allowedGrantTypes\" when \"pinniped:request-audience\" is included in"
                    + " \"allowedScopes\"",
                "AllowedScopesValid",
                "\"username\" and \"groups\" must be included in \"allowedScopes\" when"
                    + " \"pinniped:request-audience\" is included in \"allowedScopes\""),
            0),
        new Case(
            "token exchange without request-audience",
            List.of(AllowedGrantType.AUTHORIZATION_CODE, AllowedGrantType.TOKEN_EXCHANGE),
            List.of(AllowedScope.OPENID, AllowedScope.USERNAME, AllowedScope.GROUPS),
            List.of(GOOD_HASH),
            Map.of(
                "AllowedScopesValid",
                "\"pinniped:request-audience\" must be included in \"allowedScopes\" when"
                    + " \"urn:ietf:params:oauth:grant-type:token-exchange\" is included in"
                    + " \"allowedGrantTypes\""),
            0),
        new Case(
            "no secret storage",
            ALL_GRANTS,
            ALL_SCOPES,
            null,
            Map.of("ClientSecretExists", "no client secret found (no Secret storage found)"),
            0),
        new Case(
            "empty secret list",
            ALL_GRANTS,
            ALL_SCOPES,
            List.of(),
            Map.of("ClientSecretExists", "no client secret found (empty list in storage)"),
            0),
        new Case(
            "a hash below the minimum cost and one that is no hash",
            ALL_GRANTS,
            ALL_SCOPES,
            List.of(GOOD_HASH, CHEAP_HASH, "plaintext"),
            Map.of(
                "ClientSecretExists",
                "3 stored client secrets found, but some were invalid, so none will be used:"
                    + " hashed client secret at index 1: bcrypt cost 4 is below the required"
                    + " minimum of 12; hashed client secret at index 2: not a bcrypt hash"),
            0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validates(Case c) {
    OIDCClient client = new OIDCClient();
    client.setSpec(
        new OIDCClientSpec(
            List.of("https://app.example.com/callback"), c.grants(), c.scopes(), null));
    Optional<ClientSecretDocument> stored =
        Optional.ofNullable(c.storedHashes()).map(ClientSecretDocument::of);

    OidcClientValidation validation = OidcClientValidator.validate(client, stored);

    assertThat(validation.conditions())
        .extracting(DesiredCondition::type)
        .containsExactlyInAnyOrder(
            "AllowedGrantTypesValid", "AllowedScopesValid", "ClientSecretExists");
    Map<String, String> falseMessages =
        validation.conditions().stream()
            .filter(condition -> condition.status() == ConditionStatus.FALSE)
            .collect(Collectors.toMap(DesiredCondition::type, DesiredCondition::message));
    assertThat(falseMessages).isEqualTo(c.wantFalseMessages());
    assertThat(validation.valid()).isEqualTo(c.wantFalseMessages().isEmpty());
    assertThat(validation.secretHashes()).hasSize(c.wantUsableSecrets());
  }
}

package dev.pinnipedjava.api.supervisor.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire strings Pinniped's CLI and servers send and expect ({@code
 * apis/supervisor/oidc/types_supervisor_oidc.go.tmpl} and the endpoint paths of its Supervisor):
 * changing any of them breaks compatibility with Pinniped.
 */
class ProtocolConstantsTest {
  record Case(String name, String actual, String want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> constants() {
    return Stream.of(
        new Case("openid scope", OidcScopes.OPENID, "openid"),
        new Case("offline_access scope", OidcScopes.OFFLINE_ACCESS, "offline_access"),
        new Case("email scope", OidcScopes.EMAIL, "email"),
        new Case("profile scope", OidcScopes.PROFILE, "profile"),
        new Case("username scope", OidcScopes.USERNAME, "username"),
        new Case("groups scope", OidcScopes.GROUPS, "groups"),
        new Case(
            "request-audience scope", OidcScopes.REQUEST_AUDIENCE, "pinniped:request-audience"),
        new Case("issuer claim", IdTokenClaims.ISSUER, "iss"),
        new Case("subject claim", IdTokenClaims.SUBJECT, "sub"),
        new Case("idpName in the subject", IdTokenClaims.SUBJECT_IDP_NAME_QUERY_PARAM, "idpName"),
        new Case("authorized party claim", IdTokenClaims.AUTHORIZED_PARTY, "azp"),
        new Case("username claim", IdTokenClaims.USERNAME, "username"),
        new Case("groups claim", IdTokenClaims.GROUPS, "groups"),
        new Case("additional claims claim", IdTokenClaims.ADDITIONAL_CLAIMS, "additionalClaims"),
        new Case("authorization code grant", GrantTypes.AUTHORIZATION_CODE, "authorization_code"),
        new Case("refresh grant", GrantTypes.REFRESH_TOKEN, "refresh_token"),
        new Case(
            "token exchange grant",
            GrantTypes.TOKEN_EXCHANGE,
            "urn:ietf:params:oauth:grant-type:token-exchange"),
        new Case(
            "access token type",
            TokenTypes.ACCESS_TOKEN,
            "urn:ietf:params:oauth:token-type:access_token"),
        new Case("JWT token type", TokenTypes.JWT, "urn:ietf:params:oauth:token-type:jwt"),
        new Case("not-applicable token_type", TokenTypes.NOT_APPLICABLE, "N_A"),
        new Case("CLI client ID", ClientIds.PINNIPED_CLI, "pinniped-cli"),
        new Case(
            "dynamic client prefix", ClientIds.OIDC_CLIENT_PREFIX, "client.oauth.pinniped.dev-"),
        new Case("username header", AuthorizeExtensions.USERNAME_HEADER, "Pinniped-Username"),
        new Case("password header", AuthorizeExtensions.PASSWORD_HEADER, "Pinniped-Password"),
        new Case("IDP name parameter", AuthorizeExtensions.IDP_NAME_PARAM, "pinniped_idp_name"),
        new Case("IDP type parameter", AuthorizeExtensions.IDP_TYPE_PARAM, "pinniped_idp_type"),
        new Case(
            "discovery extension key",
            SupervisorDiscovery.EXTENSION_KEY,
            "discovery.supervisor.pinniped.dev/v1alpha1"),
        new Case(
            "IDP discovery endpoint key",
            SupervisorDiscovery.IDENTITY_PROVIDERS_ENDPOINT_KEY,
            "pinniped_identity_providers_endpoint"),
        new Case("discovery path", EndpointPaths.DISCOVERY, "/.well-known/openid-configuration"),
        new Case("JWKS path", EndpointPaths.JWKS, "/jwks.json"),
        new Case(
            "IDP discovery path",
            EndpointPaths.IDENTITY_PROVIDERS,
            "/v1alpha1/pinniped_identity_providers"),
        new Case("authorize path", EndpointPaths.AUTHORIZE, "/oauth2/authorize"),
        new Case("token path", EndpointPaths.TOKEN, "/oauth2/token"),
        new Case("callback path", EndpointPaths.CALLBACK, "/callback"),
        new Case(
            "IDP chooser path",
            EndpointPaths.CHOOSE_IDENTITY_PROVIDER,
            "/choose_identity_provider"),
        new Case("login form path", EndpointPaths.LOGIN, "/login"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("constants")
  void wireStringIsPinnipeds(Case c) {
    assertThat(c.actual()).isEqualTo(c.want());
  }
}

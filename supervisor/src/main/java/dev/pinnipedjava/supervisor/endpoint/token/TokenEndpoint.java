package dev.pinnipedjava.supervisor.endpoint.token;

import dev.pinnipedjava.supervisor.audit.AuditEvent;
import dev.pinnipedjava.supervisor.audit.SafeParameters;
import dev.pinnipedjava.supervisor.endpoint.Endpoint;
import dev.pinnipedjava.supervisor.endpoint.EndpointRequest;
import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;
import dev.pinnipedjava.supervisor.endpoint.EndpointServices;
import dev.pinnipedjava.supervisor.endpoint.token.grant.TokenGrant;
import dev.pinnipedjava.supervisor.endpoint.token.grant.TokenRequest;
import dev.pinnipedjava.supervisor.endpoint.token.grant.TokenResult;
import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import dev.pinnipedjava.supervisor.keys.FederationDomainKeys;
import dev.pinnipedjava.supervisor.oauth.OAuthClient;
import dev.pinnipedjava.supervisor.oauth.OAuthErrorException;
import dev.pinnipedjava.supervisor.oauth.OAuthErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code /oauth2/token} of one issuer (RFC 6749 section 3.2): a form POST, parsed once; the client
 * identified (public clients by {@code client_id}, as {@code pinniped-cli} is); then the grant its
 * {@code grant_type} names, if the client may use it. Every refusal is an RFC 6749 section 5.2 JSON
 * error.
 */
public final class TokenEndpoint implements Endpoint {
  private final FederationDomainIssuer issuer;
  private final EndpointServices services;
  private final Map<String, TokenGrant> grants;

  public TokenEndpoint(
      FederationDomainIssuer issuer, EndpointServices services, List<TokenGrant> grants) {
    this.issuer = issuer;
    this.services = services;
    this.grants =
        grants.stream()
            .collect(Collectors.toUnmodifiableMap(TokenGrant::grantType, Function.identity()));
  }

  @Override
  public EndpointResponse handle(EndpointRequest request) {
    try {
      TokenResult result = grant(request);
      EndpointResponse response = services.responses().json(200, result.body());
      for (String warning : result.warnings()) {
        response = response.withHeader("Warning", warningHeader(warning));
      }
      return response;
    } catch (OAuthErrorException e) {
      EndpointResponse response = services.responses().tokenError(e.error());
      // RFC 6749 section 5.2: a 401 names the authentication scheme the client must use.
      return e.error().getHTTPStatusCode() == 401
          ? response.withHeader("WWW-Authenticate", "Basic realm=\"" + issuer.issuer() + "\"")
          : response;
    }
  }

  private TokenResult grant(EndpointRequest request) {
    if (!"POST".equals(request.method())) {
      throw invalidRequest("HTTP method is '" + request.method() + "', expected 'POST'.");
    }
    if (!"application/x-www-form-urlencoded".equals(request.mediaType())) {
      throw invalidRequest(
          "The request must be a form: Content-Type application/x-www-form-urlencoded.");
    }
    Map<String, List<String>> form = request.form();
    services
        .audit()
        .record(
            AuditEvent.HTTP_REQUEST_PARAMETERS,
            request.auditId(),
            Map.of("params", SafeParameters.filter(form, SafeParameters.TOKEN_ENDPOINT)));
    Map<String, String> parameters = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> parameter : form.entrySet()) {
      if (parameter.getValue().size() != 1) {
        throw invalidRequest(
            "The request parameter '" + parameter.getKey() + "' appeared more than once.");
      }
      parameters.put(parameter.getKey(), parameter.getValue().get(0));
    }
    OAuthClient client = authenticate(request, parameters);
    String grantType = parameters.getOrDefault("grant_type", "");
    if (grantType.isEmpty()) {
      throw invalidRequest("The 'grant_type' parameter is required.");
    }
    TokenGrant grant = grants.get(grantType);
    if (grant == null) {
      throw new OAuthErrorException(
          OAuthErrors.unsupportedGrantType(
              "The authorization grant type is not supported by the authorization server."));
    }
    if (!client.allowedGrantTypes().contains(grantType)) {
      throw new OAuthErrorException(
          OAuthErrors.unauthorizedClient(
              "The client is not authorized to request a token using this method."));
    }
    FederationDomainKeys keys =
        services
            .keys()
            .forFederationDomain(issuer.federationDomain())
            .orElseThrow(
                () ->
                    new OAuthErrorException(
                        OAuthErrors.temporarilyUnavailable(
                            "The issuer's keys are not loaded yet.")));
    return grant.handle(new TokenRequest(parameters, client, issuer, keys, request.auditId()));
  }

  /**
   * The client: public clients identify themselves with {@code client_id}, or with HTTP Basic
   * credentials with an empty secret, as fosite allows (Go's oauth2 package sends {@code
   * pinniped-cli} that way); confidential clients (OIDCClients) authenticate with HTTP Basic
   * ({@code client_secret_basic}), the only method the discovery document offers, so a {@code
   * client_secret} in the form is refused.
   */
  private OAuthClient authenticate(EndpointRequest request, Map<String, String> parameters) {
    if (parameters.containsKey("client_secret")) {
      throw invalidClient();
    }
    Optional<String> authorization = request.header("Authorization");
    if (authorization.isEmpty()) {
      String clientId = parameters.getOrDefault("client_id", "");
      OAuthClient client =
          services.clients().find(clientId).orElseThrow(TokenEndpoint::invalidClient);
      if (client.confidential()) {
        throw invalidClient();
      }
      return client;
    }
    BasicCredentials credentials =
        BasicCredentials.parse(authorization.get()).orElseThrow(TokenEndpoint::invalidClient);
    services
        .audit()
        .record(
            AuditEvent.HTTP_REQUEST_BASIC_AUTH,
            request.auditId(),
            Map.of("clientID", credentials.clientId()));
    String formClientId = parameters.get("client_id");
    if (formClientId != null && !formClientId.equals(credentials.clientId())) {
      throw invalidRequest("The client_id in the form does not match the authenticated client.");
    }
    OAuthClient client =
        services.clients().find(credentials.clientId()).orElseThrow(TokenEndpoint::invalidClient);
    if (!client.confidential()) {
      // A public client (auth method none) may send Basic only with an empty secret.
      if (!credentials.secret().isEmpty()) {
        throw invalidClient();
      }
      return client;
    }
    if (!client.acceptsSecret(credentials.secret())) {
      throw invalidClient();
    }
    return client;
  }

  /** A {@code Warning} header as Go's apiserver writes it: code 299, agent "-", quoted text. */
  static String warningHeader(String text) {
    return "299 - \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static OAuthErrorException invalidRequest(String description) {
    return new OAuthErrorException(OAuthErrors.invalidRequest(description));
  }

  private static OAuthErrorException invalidClient() {
    return new OAuthErrorException(
        OAuthErrors.invalidClient(
            "Client authentication failed (e.g., unknown client, no client authentication"
                + " included, or unsupported authentication method)."));
  }
}

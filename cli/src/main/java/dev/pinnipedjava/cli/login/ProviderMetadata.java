package dev.pinnipedjava.cli.login;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The issuer's OIDC discovery document, checked as Pinniped checks it: the document names the same
 * issuer, and the issuer, authorize and token endpoints are https.
 *
 * @param idpDiscoveryEndpoint the Pinniped Supervisor's identity provider list, when the issuer is
 *     a Supervisor
 */
record ProviderMetadata(
    URI issuer,
    URI authorizationEndpoint,
    URI tokenEndpoint,
    URI jwksUri,
    @Nullable URI userinfoEndpoint,
    boolean supportsFormPost,
    List<String> signingAlgorithms,
    @Nullable URI idpDiscoveryEndpoint) {

  static final String SUPERVISOR_DISCOVERY_KEY = "discovery.supervisor.pinniped.dev/v1alpha1";

  static ProviderMetadata discover(OidcHttp http, URI issuer) throws LoginException {
    requireHttps(issuer.toString(), "issuer");
    String issuerText = issuer.toString();
    URI wellKnown =
        URI.create(
            (issuerText.endsWith("/")
                    ? issuerText.substring(0, issuerText.length() - 1)
                    : issuerText)
                + "/.well-known/openid-configuration");
    JsonNode document;
    try {
      HttpResponse<String> response = http.get(wellKnown, Map.of("Accept", "application/json"));
      if (response.statusCode() != 200) {
        throw new LoginException(
            "could not perform OIDC discovery for \"%s\": %d %s"
                .formatted(issuer, response.statusCode(), firstLine(response.body())));
      }
      document = OidcHttp.json(response);
    } catch (IOException e) {
      throw new LoginException(
          "could not perform OIDC discovery for \"%s\": %s".formatted(issuer, e.getMessage()), e);
    }
    String discoveredIssuer = document.path("issuer").asText("");
    if (!discoveredIssuer.equals(issuerText)) {
      throw new LoginException(
          "could not perform OIDC discovery for \"%s\": oidc: issuer did not match the issuer returned by provider, expected \"%s\" got \"%s\""
              .formatted(issuer, issuerText, discoveredIssuer));
    }
    URI authorize = uri(document, "authorization_endpoint", issuer);
    URI token = uri(document, "token_endpoint", issuer);
    requireHttps(authorize.toString(), "discovered authorize URL from issuer");
    requireHttps(token.toString(), "discovered token URL from issuer");
    URI idpDiscovery = null;
    String idpEndpoint =
        document
            .path(SUPERVISOR_DISCOVERY_KEY)
            .path("pinniped_identity_providers_endpoint")
            .asText("");
    if (!idpEndpoint.isEmpty()) {
      if (!idpEndpoint.startsWith(issuerText)) {
        throw new LoginException(
            "the Pinniped IDP discovery document must always be hosted by the issuer: \"%s\""
                .formatted(issuer));
      }
      idpDiscovery = URI.create(idpEndpoint);
    }
    return new ProviderMetadata(
        issuer,
        authorize,
        token,
        uri(document, "jwks_uri", issuer),
        document.hasNonNull("userinfo_endpoint")
            ? uri(document, "userinfo_endpoint", issuer)
            : null,
        strings(document.path("response_modes_supported")).contains("form_post"),
        strings(document.path("id_token_signing_alg_values_supported")),
        idpDiscovery);
  }

  private static URI uri(JsonNode document, String field, URI issuer) throws LoginException {
    String value = document.path(field).asText("");
    try {
      if (value.isEmpty()) {
        throw new URISyntaxException(value, "missing");
      }
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new LoginException(
          "could not perform OIDC discovery for \"%s\": invalid %s \"%s\""
              .formatted(issuer, field, value),
          e);
    }
  }

  static void requireHttps(String url, String name) throws LoginException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new LoginException("%s is not a valid URL: %s".formatted(name, e.getMessage()), e);
    }
    if (!"https".equals(uri.getScheme())) {
      throw new LoginException(
          "%s must be an https URL, but had scheme \"%s\" instead"
              .formatted(name, uri.getScheme() == null ? "" : uri.getScheme()));
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.asText()));
    return List.copyOf(values);
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("").strip();
  }
}

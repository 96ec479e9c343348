package dev.pinnipedjava.cli.login;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Pinniped Supervisor's identity provider discovery document. */
record IdentityProviders(
    List<Provider> providers, List<String> supportedTypes, String rawProviders) {

  record Provider(String name, String type, List<LoginFlow> flows) {}

  static IdentityProviders fetch(OidcHttp http, URI endpoint) throws LoginException {
    HttpResponse<String> response;
    try {
      response = http.get(endpoint, Map.of("Accept", "application/json"));
    } catch (IOException e) {
      throw new LoginException("IDP Discovery response error: " + e.getMessage(), e);
    }
    if (response.statusCode() != 200) {
      throw new LoginException(
          "unable to fetch IDP discovery data from issuer: unexpected http response status: "
              + response.statusCode());
    }
    JsonNode document;
    try {
      document = OidcHttp.json(response);
    } catch (IOException e) {
      throw new LoginException(
          "unable to fetch the Pinniped IDP discovery document: could not parse response JSON: "
              + e.getMessage(),
          e);
    }
    List<Provider> providers = new ArrayList<>();
    for (JsonNode idp : document.path("pinniped_identity_providers")) {
      List<LoginFlow> flows = new ArrayList<>();
      for (JsonNode flow : idp.path("flows")) {
        LoginFlow.fromWireName(flow.asText()).ifPresent(flows::add);
      }
      providers.add(
          new Provider(
              idp.path("name").asText(""), idp.path("type").asText(""), List.copyOf(flows)));
    }
    List<String> types = new ArrayList<>();
    for (JsonNode type : document.path("pinniped_supported_identity_provider_types")) {
      types.add(type.path("type").asText(""));
    }
    return new IdentityProviders(
        List.copyOf(providers),
        List.copyOf(types),
        document.path("pinniped_identity_providers").toString());
  }
}

package dev.pinnipedjava.supervisor.federation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.supervisor.endpoint.Endpoint;
import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IssuerRouterTest {
  private static FederationDomainIssuer issuer(String name, String url)
      throws InvalidIssuerException {
    return new FederationDomainIssuer(
        Key.namespaced("supervisor", name), IssuerUrl.parse(url), null, List.of(), null);
  }

  private final IssuerRouter router =
      new IssuerRouter(
          issuer ->
              Map.of(
                  "/.well-known/openid-configuration",
                  (Endpoint) request -> EndpointResponse.text(200, issuer.issuer())));

  @Test
  void routesByCaseInsensitiveHostAndExactPath() throws InvalidIssuerException {
    router.setFederationDomains(
        List.of(
            issuer("a", "https://A.example.com/path"), issuer("b", "https://b.example.com:8443")));

    assertThat(router.route("a.EXAMPLE.com", "/path/.well-known/openid-configuration"))
        .map(route -> route.issuer().federationDomain().name())
        .contains("a");
    assertThat(router.route("b.example.com:8443", "/.well-known/openid-configuration"))
        .map(route -> route.issuer().federationDomain().name())
        .contains("b");
    assertThat(router.route("a.example.com", "/PATH/.well-known/openid-configuration")).isEmpty();
    assertThat(router.route("b.example.com", "/.well-known/openid-configuration"))
        .as("the port is part of the host")
        .isEmpty();
    assertThat(router.route("a.example.com", "/path/unknown")).isEmpty();
  }

  @Test
  void replacesEveryRouteAtOnce() throws InvalidIssuerException {
    router.setFederationDomains(List.of(issuer("a", "https://a.example.com")));
    router.setFederationDomains(List.of(issuer("b", "https://b.example.com")));

    assertThat(router.route("a.example.com", "/.well-known/openid-configuration")).isEmpty();
    assertThat(router.route("b.example.com", "/.well-known/openid-configuration")).isPresent();
    assertThat(router.issuers())
        .extracting(FederationDomainIssuer::issuer)
        .containsExactly("https://b.example.com");
  }
}

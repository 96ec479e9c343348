package dev.pinnipedjava.supervisor.endpoint.idpdiscovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPDiscoveryResponse;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPType;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.PinnipedIDP;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.PinnipedSupportedIDPType;
import dev.pinnipedjava.supervisor.endpoint.Endpoint;
import dev.pinnipedjava.supervisor.endpoint.EndpointRequest;
import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;
import dev.pinnipedjava.supervisor.federation.OfferedIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * The identity providers of one FederationDomain, sorted by display name, with their types and
 * login flows, and every type the Supervisor supports; as Pinniped's. Only providers whose
 * controller validated them are listed, with the flows their current configuration offers: both are
 * read from the {@link UpstreamRegistry} at each request.
 */
public final class IdpDiscoveryEndpoint implements Endpoint {
  /** In Pinniped's order. */
  private static final List<PinnipedSupportedIDPType> SUPPORTED_TYPES =
      List.of(
          new PinnipedSupportedIDPType(IDPType.ACTIVE_DIRECTORY),
          new PinnipedSupportedIDPType(IDPType.GITHUB),
          new PinnipedSupportedIDPType(IDPType.LDAP),
          new PinnipedSupportedIDPType(IDPType.OIDC));

  private final List<OfferedIdentityProvider> identityProviders;
  private final UpstreamRegistry registry;
  private final ObjectMapper json;

  public IdpDiscoveryEndpoint(
      List<OfferedIdentityProvider> identityProviders,
      UpstreamRegistry registry,
      ObjectMapper json) {
    this.identityProviders = List.copyOf(identityProviders);
    this.registry = registry;
    this.json = json;
  }

  @Override
  public EndpointResponse handle(EndpointRequest request) {
    if (!"GET".equals(request.method())) {
      return EndpointResponse.methodNotAllowed();
    }
    List<PinnipedIDP> offered =
        identityProviders.stream()
            .sorted(Comparator.comparing(OfferedIdentityProvider::displayName))
            .flatMap(provider -> registry.resolve(provider).stream())
            .map(
                resolved ->
                    new PinnipedIDP(
                        resolved.displayName(),
                        resolved.provider().ref().kind().discoveryType(),
                        resolved.provider().flows()))
            .toList();
    try {
      byte[] document =
          (json.writeValueAsString(new IDPDiscoveryResponse(offered, SUPPORTED_TYPES)) + "\n")
              .getBytes(StandardCharsets.UTF_8);
      return EndpointResponse.json(200, document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode identity provider discovery", e);
    }
  }
}

package dev.pinnipedjava.cli.login;

import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks the requested upstream identity provider against the Supervisor's list and picks the flow:
 * the requested one, else the provider's first, else the browser flow.
 */
final class FlowChoice {

  private FlowChoice() {}

  /**
   * @param authorizeParams receives {@code pinniped_idp_name} and {@code pinniped_idp_type} when a
   *     provider is named
   */
  static LoginFlow choose(
      LoginOptions options, @Nullable IdentityProviders idps, Map<String, String> authorizeParams)
      throws LoginException {
    LoginFlow flow = options.flow();
    String name = options.upstreamProviderName();
    if (name == null || name.isEmpty()) {
      return flow == null ? LoginFlow.BROWSER_AUTHCODE : flow;
    }
    if (idps == null) {
      throw new LoginException(
          ("upstream identity provider name \"%s\" was specified, but OIDC issuer \"%s\" does not offer"
                  + " Pinniped-style IDP discovery, so it does not appear to be a Pinniped Supervisor;"
                  + " specifying an upstream identity provider name is only meant to be used with"
                  + " Pinniped Supervisors")
              .formatted(name, options.issuer()));
    }
    String type = options.upstreamProviderType();
    if (!idps.supportedTypes().isEmpty() && !idps.supportedTypes().contains(type)) {
      throw new LoginException(
          "unable to find upstream identity provider with type \"%s\", this Pinniped Supervisor supports IDP types [%s]"
              .formatted(
                  type,
                  idps.supportedTypes().stream()
                      .sorted()
                      .map(t -> "\"" + t + "\"")
                      .collect(Collectors.joining(", "))));
    }
    IdentityProviders.Provider found =
        idps.providers().stream()
            .filter(p -> p.name().equals(name) && p.type().equals(type))
            .filter(p -> flow == null || p.flows().contains(flow))
            .findFirst()
            .orElseThrow(
                () ->
                    new LoginException(
                        flow == null
                            ? "unable to find upstream identity provider with name \"%s\" and type \"%s\". Found these providers: %s"
                                .formatted(name, type, idps.rawProviders())
                            : "unable to find upstream identity provider with name \"%s\" and type \"%s\" and flow \"%s\". Found these providers: %s"
                                .formatted(name, type, flow.wireName(), idps.rawProviders())));
    authorizeParams.put("pinniped_idp_name", name);
    authorizeParams.put("pinniped_idp_type", type);
    if (flow != null) {
      return flow;
    }
    if (found.flows().isEmpty()) {
      throw new LoginException(
          "unable to infer flow for upstream identity provider with name \"%s\" and type \"%s\" because there were no flows discovered for that provider"
              .formatted(name, type));
    }
    return found.flows().get(0);
  }
}

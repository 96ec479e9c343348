package dev.pinnipedjava.cli.supervisordiscovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.PinnipedIDP;
import dev.pinnipedjava.cli.diagnostics.InfoLog;
import dev.pinnipedjava.cli.kubejson.KubeJson;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Pinniped's choice of upstream identity provider from a Supervisor's list: the one matching the
 * given name and/or type (which must be unique), or the only one; then the given flow (which it
 * must offer), or its only flow, or its first.
 */
final class UpstreamSelection {

  private UpstreamSelection() {}

  static UpstreamChoice select(List<PinnipedIDP> idps, UpstreamChoice requested, InfoLog log)
      throws SupervisorDiscoveryException {
    if (idps.isEmpty()) {
      // Only usable once the Supervisor gets exactly one OIDC provider; nothing to check now.
      return requested;
    }
    PinnipedIDP idp = nameAndType(idps, requested.name(), requested.type());
    List<IDPFlow> flows = idp.flows() == null ? List.of() : idp.flows();
    return new UpstreamChoice(
        idp.name(), idp.type().wireName(), flow(idp, flows, requested.flow(), log));
  }

  private static PinnipedIDP nameAndType(List<PinnipedIDP> idps, String name, String type)
      throws SupervisorDiscoveryException {
    String found = "Found these upstreams: " + json(idps);
    if (!name.isEmpty() && !type.isEmpty()) {
      return idps.stream()
          .filter(idp -> idp.name().equals(name) && idp.type().wireName().equals(type))
          .findFirst()
          .orElseThrow(
              () ->
                  new SupervisorDiscoveryException(
                      "no Supervisor upstream identity providers with name \"%s\" of type \"%s\" were found. %s"
                          .formatted(name, type, found)));
    }
    if (!type.isEmpty()) {
      List<PinnipedIDP> ofType =
          idps.stream().filter(idp -> idp.type().wireName().equals(type)).toList();
      if (ofType.size() > 1) {
        throw new SupervisorDiscoveryException(
            "multiple Supervisor upstream identity providers of type \"%s\" were found, so the --upstream-identity-provider-name flag must be specified. %s"
                .formatted(type, found));
      }
      if (ofType.isEmpty()) {
        throw new SupervisorDiscoveryException(
            "no Supervisor upstream identity providers of type \"%s\" were found. %s"
                .formatted(type, found));
      }
      return ofType.get(0);
    }
    if (!name.isEmpty()) {
      List<PinnipedIDP> named = idps.stream().filter(idp -> idp.name().equals(name)).toList();
      if (named.size() > 1) {
        throw new SupervisorDiscoveryException(
            "multiple Supervisor upstream identity providers with name \"%s\" were found, so the --upstream-identity-provider-type flag must be specified. %s"
                .formatted(name, found));
      }
      if (named.isEmpty()) {
        throw new SupervisorDiscoveryException(
            "no Supervisor upstream identity providers with name \"%s\" were found. %s"
                .formatted(name, found));
      }
      return named.get(0);
    }
    if (idps.size() == 1) {
      return idps.get(0);
    }
    throw new SupervisorDiscoveryException(
        "multiple Supervisor upstream identity providers were found, so the"
            + " --upstream-identity-provider-name/--upstream-identity-provider-type flags must be"
            + " specified. "
            + found);
  }

  private static String flow(PinnipedIDP idp, List<IDPFlow> flows, String requested, InfoLog log)
      throws SupervisorDiscoveryException {
    if (flows.isEmpty()) {
      // A Supervisor too old to list flows: take the user's word for it.
      return requested;
    }
    if (!requested.isEmpty()) {
      if (flows.stream().anyMatch(flow -> flow.wireName().equals(requested))) {
        return requested;
      }
      throw new SupervisorDiscoveryException(
          "no client flow \"%s\" for Supervisor upstream identity provider \"%s\" of type \"%s\" were found. Found these flows: %s"
              .formatted(requested, idp.name(), idp.type().wireName(), names(flows)));
    }
    if (flows.size() > 1) {
      log.log(
          "multiple client flows found, selecting first value as default",
          "idpName",
          idp.name(),
          "idpType",
          idp.type().wireName(),
          "selectedFlow",
          flows.get(0).wireName(),
          "availableFlows",
          names(flows));
    }
    return flows.get(0).wireName();
  }

  private static String names(List<IDPFlow> flows) {
    return flows.stream().map(IDPFlow::wireName).collect(Collectors.joining(" ", "[", "]"));
  }

  private static String json(List<PinnipedIDP> idps) {
    try {
      return KubeJson.json().writeValueAsString(idps);
    } catch (JsonProcessingException e) {
      return idps.toString();
    }
  }
}

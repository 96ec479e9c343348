package dev.pinnipedjava.cli.supervisordiscovery;

import java.util.List;

/**
 * What a kubeconfig's login should ask the issuer for.
 *
 * @param scopes the requested scopes, without those an older Supervisor does not know
 * @param upstream the identity provider choice, completed from the Supervisor's list
 */
public record SupervisorSettings(List<String> scopes, UpstreamChoice upstream) {
  public SupervisorSettings {
    scopes = List.copyOf(scopes);
  }
}

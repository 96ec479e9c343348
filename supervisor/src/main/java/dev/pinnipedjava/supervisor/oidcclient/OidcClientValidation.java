package dev.pinnipedjava.supervisor.oidcclient;

import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.controller.conditions.DesiredCondition;
import java.util.List;

/**
 * What validating an OIDCClient found.
 *
 * @param conditions {@code AllowedGrantTypesValid}, {@code AllowedScopesValid} and {@code
 *     ClientSecretExists}
 * @param secretHashes the usable bcrypt hashes, newest first; empty unless the client is valid
 */
public record OidcClientValidation(List<DesiredCondition> conditions, List<String> secretHashes) {
  public OidcClientValidation {
    conditions = List.copyOf(conditions);
    secretHashes = List.copyOf(secretHashes);
  }

  /** Whether every condition holds: only then may the client log in. */
  public boolean valid() {
    return conditions.stream().allMatch(condition -> condition.status() == ConditionStatus.TRUE);
  }

  @Override
  public String toString() {
    return "OidcClientValidation[conditions="
        + conditions
        + ", "
        + secretHashes.size()
        + " secret hashes]";
  }
}

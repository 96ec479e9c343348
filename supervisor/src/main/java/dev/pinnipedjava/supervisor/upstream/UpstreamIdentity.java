package dev.pinnipedjava.supervisor.upstream;

import java.util.List;
import java.util.Map;

/**
 * An identity as an upstream provider asserts it, already mapped by the provider's configuration
 * (claims mapping for OIDC).
 *
 * @param subject the downstream subject, unique to the provider and the user
 * @param username the username
 * @param groups the group names
 * @param additionalClaims extra claims to pass on, by their downstream names
 */
public record UpstreamIdentity(
    String subject, String username, List<String> groups, Map<String, Object> additionalClaims) {
  public UpstreamIdentity {
    groups = List.copyOf(groups);
    additionalClaims = Map.copyOf(additionalClaims);
  }

  @Override
  public String toString() {
    // Personal information stays out of logs.
    return "UpstreamIdentity[" + groups.size() + " groups]";
  }
}

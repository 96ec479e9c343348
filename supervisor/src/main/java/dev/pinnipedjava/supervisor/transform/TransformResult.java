package dev.pinnipedjava.supervisor.transform;

import java.util.List;

/** What identity transformations made of an identity. */
public sealed interface TransformResult {
  /** The identity may log in, as this username and these groups (sorted, without duplicates). */
  record Allowed(String username, List<String> groups) implements TransformResult {
    public Allowed {
      groups = List.copyOf(groups);
    }

    @Override
    public String toString() {
      // Personal information stays out of logs.
      return "Allowed[" + groups.size() + " groups]";
    }
  }

  /**
   * A policy rejected the identity.
   *
   * @param message the policy's configured message (or the default), for the user
   */
  record Rejected(String message) implements TransformResult {}
}

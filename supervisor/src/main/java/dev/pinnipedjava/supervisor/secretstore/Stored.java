package dev.pinnipedjava.supervisor.secretstore;

/**
 * A document as read from its Secret, with the Secret's resource version for an update that must
 * not overwrite a concurrent change.
 */
public record Stored<T>(T value, String resourceVersion) {
  @Override
  public String toString() {
    // Stored documents hold tokens and sessions: never print them.
    return "Stored[resourceVersion=" + resourceVersion + "]";
  }
}

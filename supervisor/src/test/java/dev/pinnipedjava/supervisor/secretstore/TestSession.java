package dev.pinnipedjava.supervisor.secretstore;

import java.util.List;

/**
 * A stored document for the store tests.
 *
 * <p>Version history: "1" first version.
 */
public record TestSession(String username, List<String> groups, String version)
    implements VersionedShape {
  public static final String VERSION = "1";

  public static TestSession of(String username, String... groups) {
    return new TestSession(username, List.of(groups), VERSION);
  }
}

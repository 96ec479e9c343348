package dev.pinnipedjava.testkit.loopback;

import java.nio.file.Files;
import java.nio.file.Path;

/** A file a part needs from the machine, and the Debian package that provides it. */
public record RequiredFile(Path path, String debianPackage) {
  /** How the tests get their packages installed: the test command installs them as root. */
  public static final String HOW_TO_INSTALL =
      "hack/test.sh installs the test packages when run as root (ensure_test_packages in"
          + " hack/lib/prerequisites.sh)";

  /** Returns the path, or throws {@link MissingPartException} naming the file and its package. */
  public Path require(String part) {
    if (!Files.exists(path)) {
      throw new MissingPartException(
          part
              + " needs "
              + path
              + ", which is missing: install the Debian package '"
              + debianPackage
              + "' (as root: apt-get install --no-install-recommends "
              + debianPackage
              + "; "
              + HOW_TO_INSTALL
              + ")");
    }
    return path;
  }
}

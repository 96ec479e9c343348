package dev.pinnipedjava.testkit.dex;

import dev.pinnipedjava.testkit.loopback.MissingPartException;
import dev.pinnipedjava.testkit.loopback.ProvisioningScript;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The Dex executable at the release {@code hack/dex-binary.sh} pins. */
public record DexBinary(Path executable) {
  /** Environment variable naming a Dex binary to use instead of building one. */
  public static final String BINARY_VARIABLE = "PINNIPED_DEX_BINARY";

  /** Builds Dex from its Go module once and prints the cached binary's path. */
  public static final ProvisioningScript SCRIPT = new ProvisioningScript("hack/dex-binary.sh");

  public DexBinary {
    executable = executable.toAbsolutePath().normalize();
    if (!Files.isExecutable(executable)) {
      throw new MissingPartException(
          "Dex binary "
              + executable
              + " is not an executable file; "
              + SCRIPT.relativePath()
              + " builds one");
    }
  }

  /** Locates Dex from the working directory, printing build progress to stderr. */
  public static DexBinary locate() {
    return locate(System::getenv, Path.of("").toAbsolutePath(), System.err);
  }

  /**
   * Uses {@value #BINARY_VARIABLE} when set; otherwise runs the script from the repository above
   * {@code workingDirectory} (the first run builds Dex, later ones answer from the cache).
   */
  public static DexBinary locate(
      Function<String, @Nullable String> environment, Path workingDirectory, PrintStream progress) {
    String configured = environment.apply(BINARY_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return new DexBinary(Path.of(configured));
    }
    Path repositoryRoot =
        SCRIPT
            .repositoryRoot(workingDirectory)
            .orElseThrow(
                () ->
                    new MissingPartException(
                        "cannot find Dex: "
                            + BINARY_VARIABLE
                            + " is not set and no directory above "
                            + workingDirectory.toAbsolutePath()
                            + " contains "
                            + SCRIPT.relativePath()
                            + ", which builds Dex from its Go module (needs Go and gcc)"));
    return new DexBinary(Path.of(SCRIPT.run(repositoryRoot, progress)));
  }
}

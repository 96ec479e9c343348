package dev.pinnipedjava.cli.command;

import dev.pinnipedjava.cli.credentialcache.CredentialCache;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --credential-cache} of both login commands. */
final class CredentialCacheOption {

  @Option(
      names = "--credential-cache",
      paramLabel = "PATH",
      description =
          "Path to the cluster-specific credentials cache (\"\" disables the cache; default:"
              + " $XDG_CONFIG_HOME/pinniped/credentials.yaml, else"
              + " ~/.config/pinniped/credentials.yaml).")
  @Nullable String path;

  /** The cache, unless {@code --credential-cache=""} switched it off. */
  Optional<CredentialCache> open(Deps deps) throws CommandException {
    String value = path;
    if (value != null && value.isEmpty()) {
      return Optional.empty();
    }
    Path file;
    try {
      file = value == null ? ConfigDir.resolve(deps).resolve("credentials.yaml") : Path.of(value);
    } catch (InvalidPathException e) {
      throw new CommandException("invalid --credential-cache path: " + e.getMessage(), e);
    }
    return Optional.of(
        new CredentialCache(
            file, deps.clock(), warning -> deps.stderr().println("Warning: " + warning)));
  }
}

package dev.pinnipedjava.cli.command;

import java.nio.file.Path;

/**
 * The directory of the CLI's caches, by the XDG base directory rules Pinniped follows: {@code
 * $XDG_CONFIG_HOME/pinniped}, else {@code $HOME/.config/pinniped}.
 */
final class ConfigDir {

  private ConfigDir() {}

  static Path resolve(Deps deps) {
    return deps.env()
        .get("XDG_CONFIG_HOME")
        .filter(s -> !s.isEmpty())
        .map(xdg -> Path.of(xdg, "pinniped"))
        .orElseGet(
            () ->
                deps.env()
                    .get("HOME")
                    .filter(s -> !s.isEmpty())
                    .map(Path::of)
                    .orElse(deps.userHome())
                    .resolve(".config")
                    .resolve("pinniped"));
  }
}

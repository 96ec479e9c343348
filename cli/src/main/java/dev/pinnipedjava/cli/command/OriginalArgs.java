package dev.pinnipedjava.cli.command;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** The whole command line after the program name, as Pinniped hashes it into cache keys. */
final class OriginalArgs {

  private OriginalArgs() {}

  static List<String> of(CommandSpec spec) {
    ParseResult root = spec.root().commandLine().getParseResult();
    return root == null ? List.of() : List.copyOf(root.originalArgs());
  }
}

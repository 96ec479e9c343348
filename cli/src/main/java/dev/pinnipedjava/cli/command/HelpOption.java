package dev.pinnipedjava.cli.command;

import picocli.CommandLine.Option;

/** {@code -h/--help} on every command, as cobra has it. */
final class HelpOption {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;
}

package dev.pinnipedjava.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pinnipedjava.cli.kubejson.KubeJson;
import dev.pinnipedjava.cli.version.BuildVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code version}: the build version, alone or as JSON/YAML. */
@Command(
    name = "version",
    description = {"Print the version of this pinniped-java CLI.", ""})
final class VersionCommand implements Callable<Integer> {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "One of 'yaml' or 'json'; without it only the version is printed.")
  String output = "";

  @SuppressWarnings("NullAway.Init")
  @Mixin
  HelpOption help;

  private final Deps deps;

  VersionCommand(Deps deps) {
    this.deps = deps;
  }

  @Override
  public Integer call() throws CommandException, JsonProcessingException {
    BuildVersion version = BuildVersion.current();
    switch (output) {
      case "" -> deps.stdout().println(version.gitVersion());
      case "json" -> deps.stdout().println(KubeJson.prettyJson().writeValueAsString(version));
      case "yaml" -> deps.stdout().print(KubeJson.writeDisplayYaml(version));
      default ->
          throw new CommandException("'%s' is not a valid option for output".formatted(output));
    }
    deps.stdout().flush();
    return 0;
  }
}

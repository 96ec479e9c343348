package dev.pinnipedjava.cli.command;

import java.util.Map;
import java.util.Optional;

/** Environment variable lookup; {@link #system()} for the process, a map in tests. */
@FunctionalInterface
public interface Environment {

  Optional<String> get(String name);

  static Environment system() {
    return name -> Optional.ofNullable(System.getenv(name));
  }

  static Environment of(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    return name -> Optional.ofNullable(copy.get(name));
  }
}

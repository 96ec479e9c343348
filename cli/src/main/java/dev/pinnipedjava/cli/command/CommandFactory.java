package dev.pinnipedjava.cli.command;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Gives each command class that asks for it (a constructor taking {@link Deps}) the deps. */
final class CommandFactory implements CommandLine.IFactory {

  private final Deps deps;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  CommandFactory(Deps deps) {
    this.deps = deps;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      Class<?>[] parameters = constructor.getParameterTypes();
      if (parameters.length == 1 && parameters[0] == Deps.class) {
        constructor.setAccessible(true);
        return type.cast(constructor.newInstance(deps));
      }
    }
    return fallback.create(type);
  }
}

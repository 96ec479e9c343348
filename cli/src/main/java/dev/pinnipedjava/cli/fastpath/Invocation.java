package dev.pinnipedjava.cli.fastpath;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One run of the CLI as the launcher sees it before starting the JVM: the configuration directory
 * (from {@code XDG_CONFIG_HOME} or {@code HOME}, spelled as the launcher spells it), the command
 * line, and the raw {@code KUBERNETES_EXEC_INFO}. Its {@link #key()} names the fast-path entry; two
 * runs share an entry only when all three are byte for byte the same.
 *
 * @param configDir {@code $XDG_CONFIG_HOME/pinniped}, else {@code $HOME/.config/pinniped}
 * @param execInfo the variable's value, empty when it is unset
 */
public record Invocation(String configDir, List<String> args, String execInfo) {

  /** The first bytes of every key's input; a new layout gets a new tag. */
  static final String KEY_TAG = "pinniped-java fastpath v1";

  static final String EXEC_INFO_ENV = "KUBERNETES_EXEC_INFO";

  public Invocation {
    args = List.copyOf(args);
  }

  /** The invocation, or empty when neither {@code XDG_CONFIG_HOME} nor {@code HOME} is set. */
  public static Optional<Invocation> of(List<String> args, Function<String, Optional<String>> env) {
    Optional<String> xdg = env.apply("XDG_CONFIG_HOME").filter(s -> !s.isEmpty());
    Optional<String> configDir =
        xdg.isPresent()
            ? xdg.map(dir -> dir + "/pinniped")
            : env.apply("HOME").filter(s -> !s.isEmpty()).map(home -> home + "/.config/pinniped");
    return configDir.map(dir -> new Invocation(dir, args, env.apply(EXEC_INFO_ENV).orElse("")));
  }

  /** The directory of the fast-path entries. */
  public Path directory() {
    return Path.of(configDir, FastPathStore.DIRECTORY_NAME);
  }

  /**
   * Hex SHA-256 of: the tag, NUL, the config directory, NUL, the number of arguments in decimal,
   * NUL, every argument followed by NUL, then the exec info.
   */
  public String key() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writeTerminated(bytes, KEY_TAG);
    writeTerminated(bytes, configDir);
    writeTerminated(bytes, Integer.toString(args.size()));
    for (String arg : args) {
      writeTerminated(bytes, arg);
    }
    bytes.writeBytes(execInfo.getBytes(StandardCharsets.UTF_8));
    return Sha256.hex(bytes.toByteArray());
  }

  private static void writeTerminated(ByteArrayOutputStream bytes, String value) {
    bytes.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    bytes.write(0);
  }
}

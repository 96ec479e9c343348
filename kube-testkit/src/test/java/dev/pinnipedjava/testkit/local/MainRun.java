package dev.pinnipedjava.testkit.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One in-process run of {@link LocalControlPlaneMain} with its output captured. */
record MainRun(int exitCode, String out, String err) {

  static MainRun run(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode =
        new LocalControlPlaneMain(
                name -> lookup(environment, name),
                Path.of("").toAbsolutePath(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args);
    return new MainRun(
        exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static @Nullable String lookup(Map<String, String> environment, String name) {
    return environment.get(name);
  }
}

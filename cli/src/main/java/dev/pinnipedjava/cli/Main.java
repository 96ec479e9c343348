package dev.pinnipedjava.cli;

import dev.pinnipedjava.cli.command.Deps;
import dev.pinnipedjava.cli.command.PinnipedCli;
import dev.pinnipedjava.cli.fastpath.FastPathLookup;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code pinniped-java} program. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    // The launcher answers from the fast path before starting the JVM; this covers systems where
    // it cannot (no sha256sum or GNU stat), before the command tree and Jackson are loaded.
    Optional<String> cached =
        FastPathLookup.find(
            List.of(args), name -> Optional.ofNullable(System.getenv(name)), Instant.now());
    if (cached.isPresent()) {
      System.exit(print(cached.get()));
    }
    System.exit(PinnipedCli.run(Deps.real(), args));
  }

  private static int print(String execCredential) {
    try (FileOutputStream stdout = new FileOutputStream(FileDescriptor.out)) {
      stdout.write(execCredential.getBytes(StandardCharsets.UTF_8));
      return 0;
    } catch (IOException e) {
      return 1;
    }
  }
}

package dev.pinnipedjava.testkit.loopback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A fresh directory for one start of a part: under the module's {@code target} when the tests run
 * in a module, else under the temp directory. It is kept after the part stops, for its logs.
 */
public final class RunDirectory {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  private RunDirectory() {}

  /** A new directory named after {@code part} below the working directory's {@code target}. */
  public static Path create(String part) {
    return create(
        part,
        Path.of("").toAbsolutePath(),
        Path.of(System.getProperty("java.io.tmpdir")),
        Clock.systemUTC(),
        RandomGenerator.getDefault());
  }

  public static Path create(
      String part, Path workingDirectory, Path temp, Clock clock, RandomGenerator random) {
    Path target = workingDirectory.resolve("target");
    Path parent = Files.isDirectory(target) ? target : temp;
    String name =
        part
            + "-"
            + LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).format(STAMP)
            + "-"
            + Integer.toHexString(random.nextInt(0x10000, 0x100000));
    Path directory = parent.resolve(name).toAbsolutePath().normalize();
    try {
      // Private keys and passwords land below; nobody else on the machine needs to read them.
      Files.createDirectories(directory);
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the run directory " + directory, e);
    }
  }
}

package dev.pinnipedjava.cli.fastpath;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The directory of fast-path entries, {@code <configdir>/credentials.fastpath} (mode 0700), one
 * file per invocation, named by {@link Invocation#key()} (mode 0600), each replaced atomically so
 * the launcher never reads half an entry. Entries that can no longer be served are removed whenever
 * one is written.
 */
final class FastPathStore {

  static final String DIRECTORY_NAME = "credentials.fastpath";
  private static final String TEMPORARY_PREFIX = ".tmp-";

  /** A temporary file this old was left behind by a process that died while writing. */
  private static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

  private FastPathStore() {}

  /**
   * The entry of the invocation, as the launcher finds it: the first entry (by name) whose leading
   * fields are the invocation, if it parses and it and the directory pass the trust checks.
   */
  static Optional<FastPathEntry> find(Path directory, Invocation invocation) {
    List<Path> entries;
    try (Stream<Path> files = Files.list(directory)) {
      entries =
          files
              .filter(f -> FastPathEntry.HEX_KEY.matcher(f.getFileName().toString()).matches())
              .sorted()
              .toList();
    } catch (IOException e) {
      return Optional.empty();
    }
    for (Path entry : entries) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(entry);
      } catch (IOException e) {
        continue;
      }
      if (FastPathEntry.answers(bytes, invocation)) {
        return OwnerOnly.isPrivateDirectory(directory) && OwnerOnly.isPrivateFile(entry)
            ? FastPathEntry.parse(bytes)
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The entry in {@code file}, if it passes the trust checks and parses. */
  private static Optional<FastPathEntry> read(Path file) {
    if (!OwnerOnly.isPrivateFile(file)) {
      return Optional.empty();
    }
    try {
      return FastPathEntry.parse(Files.readAllBytes(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes the entry, then removes entries that are corrupt, no longer servable, or hold an older
   * credential of the same cache key. Problems are reported to {@code problems} and otherwise
   * ignored: without an entry the launcher simply starts the JVM.
   */
  static void write(
      Path directory, String name, FastPathEntry entry, Instant now, Consumer<String> problems) {
    try {
      if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
        createDirectory(directory);
      }
      if (!OwnerOnly.isPrivateDirectory(directory)) {
        problems.accept(
            "not writing fast-path entries: %s is not a private directory".formatted(directory));
        return;
      }
      Path temporary = Files.createTempFile(directory, TEMPORARY_PREFIX, "");
      try {
        OwnerOnly.restrict(temporary, false);
        Files.write(temporary, entry.serialize());
        Files.move(
            temporary,
            directory.resolve(name),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        temporary = null;
      } finally {
        deleteQuietly(temporary);
      }
    } catch (IOException | UnsupportedOperationException e) {
      problems.accept("could not write fast-path entry: " + e);
      return;
    }
    sweep(directory, name, entry, now);
  }

  private static void createDirectory(Path directory) throws IOException {
    Path parent = directory.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      Files.createDirectories(
          parent,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    try {
      Files.createDirectory(directory);
      OwnerOnly.restrict(directory, true);
    } catch (FileAlreadyExistsException e) {
      // Another process made it first; the trust check decides whether it is usable.
    }
  }

  private static void sweep(Path directory, String keep, FastPathEntry written, Instant now) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.equals(keep)) {
          continue;
        }
        if (name.startsWith(TEMPORARY_PREFIX)) {
          if (isOlderThan(file, now.minus(ABANDONED_AFTER))) {
            deleteQuietly(file);
          }
          continue;
        }
        Optional<FastPathEntry> entry =
            FastPathEntry.HEX_KEY.matcher(name).matches() ? read(file) : Optional.empty();
        if (entry.isEmpty()
            || !entry.get().servableAt(now)
            || (entry.get().credentialKey().equals(written.credentialKey())
                && !entry.get().proof().equals(written.proof()))) {
          deleteQuietly(file);
        }
      }
    } catch (IOException e) {
      // Stale entries stay until the next write; the launcher refuses them anyway.
    }
  }

  private static boolean isOlderThan(Path file, Instant limit) {
    try {
      FileTime modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
      return modified.toInstant().isBefore(limit);
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteQuietly(@Nullable Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (NoSuchFileException e) {
      // Someone else removed it.
    } catch (IOException e) {
      // Left for the next sweep.
    }
  }
}

package dev.pinnipedjava.cli.cachefile;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A separate process for {@link LockDirectoryTest}: takes the lock {@code args[1]} of the lock
 * directory {@code args[0]}, prints {@code locked}, and holds it until its stdin closes.
 */
public final class DirectoryLockHolderMain {

  private DirectoryLockHolderMain() {}

  public static void main(String[] args) throws Exception {
    try (CacheFileLock lock =
        LockDirectory.at(Path.of(args[0])).acquire(args[1], Duration.ofSeconds(10))) {
      System.out.println("locked");
      System.out.flush();
      System.in.readAllBytes();
    }
  }
}

package dev.pinnipedjava.cli.fastpath;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The launcher's trust checks on the entry directory and files, done as {@code [ -O ]} and {@code
 * stat -c %f} do them: not a symlink, owned by this user, and exactly mode 0700 (directory) or 0600
 * (regular file), so no one else can have planted or read an entry.
 */
final class OwnerOnly {

  static final int DIRECTORY_MODE = 040700;
  static final int FILE_MODE = 0100600;

  private OwnerOnly() {}

  static boolean isPrivateDirectory(Path path) {
    return hasModeAndOwner(path, DIRECTORY_MODE);
  }

  static boolean isPrivateFile(Path path) {
    return hasModeAndOwner(path, FILE_MODE);
  }

  private static boolean hasModeAndOwner(Path path, int mode) {
    try {
      Object actualMode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      Object owner = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      return actualMode instanceof Integer m
          && m == mode
          && owner instanceof Integer uid
          && uid == currentUid();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Sets the exact mode, whatever the umask did at creation. */
  static void restrict(Path path, boolean directory) throws IOException {
    Files.setPosixFilePermissions(
        path, PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"));
  }

  private static long currentUid() {
    return new UnixSystem().getUid();
  }
}

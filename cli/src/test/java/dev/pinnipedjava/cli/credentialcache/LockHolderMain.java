package dev.pinnipedjava.cli.credentialcache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A separate process for {@link CredentialCacheConcurrencyTest}: takes the OS lock on the given
 * file, prints {@code locked}, and holds it until its stdin closes.
 */
public final class LockHolderMain {

  private LockHolderMain() {}

  public static void main(String[] args) throws IOException {
    try (FileChannel channel =
            FileChannel.open(
                Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      System.out.println("locked " + lock.isValid());
      System.out.flush();
      System.in.readAllBytes();
    }
  }
}

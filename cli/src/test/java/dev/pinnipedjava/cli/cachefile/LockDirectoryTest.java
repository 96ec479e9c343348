package dev.pinnipedjava.cli.cachefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-key lock files go away once no process uses the directory, and only then. */
class LockDirectoryTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path temp;

  @Test
  void aReleasedLockLeavesNoFileBehind() throws Exception {
    LockDirectory directory = LockDirectory.at(temp.resolve("locks"));

    try (CacheFileLock lock = directory.acquire("key", TIMEOUT)) {
      assertThat(directory.lockFileCount()).isEqualTo(1);
    }

    assertThat(directory.lockFileCount()).isZero();
  }

  @Test
  void lockFilesStayWhileAnotherLockOfTheDirectoryIsHeldInThisProcess() throws Exception {
    LockDirectory directory = LockDirectory.at(temp.resolve("locks"));
    CacheFileLock second;
    try (CacheFileLock first = directory.acquire("first", TIMEOUT)) {
      second = directory.acquire("second", TIMEOUT);
    }

    assertThat(directory.lockFileCount()).isEqualTo(2);
    second.close();
    assertThat(directory.lockFileCount()).isZero();
  }

  @Test
  void aFileLeftByAProcessThatDiedIsRemovedByTheNextUser() throws Exception {
    Path locks = temp.resolve("locks");
    LockDirectory directory = LockDirectory.at(locks);
    Files.writeString(locks.resolve("left-behind.lock"), "");

    directory.acquire("key", TIMEOUT).close();

    assertThat(directory.lockFileCount()).isZero();
  }

  @Test
  void lockFilesStayWhileAnotherProcessHoldsALockOfTheDirectory() throws Exception {
    Path locks = temp.resolve("locks");
    LockDirectory directory = LockDirectory.at(locks);
    Process holder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    DirectoryLockHolderMain.class.getName(),
                    locks.toString(),
                    "held"))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader output =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(output.readLine()).isEqualTo("locked");

      directory.acquire("mine", TIMEOUT).close();
      assertThat(Files.exists(locks.resolve("held.lock"))).isTrue();
      assertThat(Files.exists(locks.resolve("mine.lock")))
          .as("another process uses the directory, so nothing is swept")
          .isTrue();

      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
      await("the holder swept the directory when it let go")
          .atMost(Duration.ofSeconds(10))
          .until(() -> count(directory) == 0);
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void aKeyLockIsExclusiveAcrossThreads() throws Exception {
    LockDirectory directory = LockDirectory.at(temp.resolve("locks"));
    try (CacheFileLock held = directory.acquire("key", TIMEOUT)) {
      CompletableFuture<CacheFileException> other =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  directory.acquire("key", Duration.ofMillis(300)).close();
                  throw new AssertionError("a second holder got the lock");
                } catch (CacheFileException e) {
                  return e;
                }
              });
      assertThat(other.get(30, TimeUnit.SECONDS).timedOut()).isTrue();
    }
    assertThat(directory.lockFileCount()).isZero();
  }

  private static long count(LockDirectory directory) {
    try {
      return directory.lockFileCount();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

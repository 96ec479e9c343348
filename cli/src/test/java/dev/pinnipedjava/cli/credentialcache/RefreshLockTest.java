package dev.pinnipedjava.cli.credentialcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refresh locks of many keys leave no lock file behind once released. */
class RefreshLockTest {
  @TempDir Path temp;

  @Test
  void releasedRefreshLocksLeaveNoFiles() throws Exception {
    Path file = temp.resolve("credentials.yaml");
    List<String> warnings = new ArrayList<>();
    CredentialCache cache =
        new CredentialCache(file, Clock.systemUTC(), Duration.ofSeconds(5), warnings::add);
    Path locks = temp.resolve("credentials.yaml.refresh");

    for (int i = 0; i < 5; i++) {
      try (RefreshLock lock =
          cache.lockForRefresh(CredentialCacheKey.ofJson("key-" + i), Duration.ofSeconds(5))) {
        assertThat(lockFiles(locks)).hasSize(1);
      }
    }

    assertThat(lockFiles(locks)).isEmpty();
    assertThat(warnings).isEmpty();
  }

  private static List<Path> lockFiles(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(path -> path.toString().endsWith(".lock")).toList();
    }
  }
}

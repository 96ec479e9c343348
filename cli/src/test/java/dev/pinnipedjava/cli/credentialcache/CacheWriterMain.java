package dev.pinnipedjava.cli.credentialcache;

import dev.pinnipedjava.cli.execcredential.ExecCredentialStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A separate process for {@link CredentialCacheConcurrencyTest}: puts {@code count} credentials
 * under keys {@code <prefix>-<i>} into the cache file, then prints the number of warnings it saw.
 */
public final class CacheWriterMain {

  /**
   * Far above the 10 s default: on a busy machine 180 serialized writes can keep one writer waiting
   * longer than that, and this test is about lost entries, not about giving up.
   */
  static final Duration LOCK_TIMEOUT = Duration.ofMinutes(2);

  private CacheWriterMain() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    int[] warnings = {0};
    Clock clock = Clock.systemUTC();
    CredentialCache cache =
        new CredentialCache(
            file,
            clock,
            LOCK_TIMEOUT,
            warning -> {
              warnings[0]++;
              System.err.println("warning: " + warning);
            });
    for (int i = 0; i < count; i++) {
      cache.put(
          CredentialCacheKey.ofJson(prefix + "-" + i),
          ExecCredentialStatus.ofToken(
              prefix + "-" + i, clock.instant().plus(Duration.ofHours(1))));
    }
    System.out.println("warnings=" + warnings[0]);
  }
}

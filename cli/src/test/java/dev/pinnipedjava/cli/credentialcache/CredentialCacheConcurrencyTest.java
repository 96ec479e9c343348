package dev.pinnipedjava.cli.credentialcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.cli.execcredential.ExecCredentialStatus;
import dev.pinnipedjava.cli.kubejson.KubeJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several threads and several JVMs update one credentials.yaml at once: no entry is lost, and a
 * reader that ignores the lock always finds a complete, parseable file.
 */
class CredentialCacheConcurrencyTest {

  private static final int THREADS = 6;
  private static final int PROCESSES = 3;
  private static final int PUTS_EACH = 20;

  @TempDir Path temp;

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stop() {
    executor.shutdownNow();
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void concurrentThreadsAndProcessesLoseNoEntryAndNeverExposeAPartialFile() throws Exception {
    Path file = temp.resolve("pinniped/credentials.yaml");
    List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());
    CredentialCache cache =
        new CredentialCache(file, Clock.systemUTC(), CacheWriterMain.LOCK_TIMEOUT, warnings::add);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    Future<?> reader = executor.submit(() -> readContinuously(file, writing, reads));

    for (int p = 0; p < PROCESSES; p++) {
      processes.add(
          javaProcess(
              CacheWriterMain.class, file.toString(), "process" + p, Integer.toString(PUTS_EACH)));
    }
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String prefix = "thread" + t;
      writers.add(
          executor.submit(
              () -> {
                for (int i = 0; i < PUTS_EACH; i++) {
                  cache.put(
                      CredentialCacheKey.ofJson(prefix + "-" + i),
                      ExecCredentialStatus.ofToken(
                          prefix + "-" + i, Clock.systemUTC().instant().plus(Duration.ofHours(1))));
                }
              }));
    }
    for (Future<?> writer : writers) {
      writer.get(60, TimeUnit.SECONDS);
    }
    for (Process process : processes) {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("writer process finished").isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as(errors).isZero();
      assertThat(output.strip()).as(errors).isEqualTo("warnings=0");
    }
    writing.set(false);
    reader.get(30, TimeUnit.SECONDS);

    CredentialCacheDocument document =
        KubeJson.yaml().readValue(file.toFile(), CredentialCacheDocument.class);
    Set<String> keys = new HashSet<>();
    document.credentials().forEach(entry -> keys.add(entry.key()));
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < PUTS_EACH; i++) {
      for (int t = 0; t < THREADS; t++) {
        expected.add(CredentialCacheKey.ofJson("thread" + t + "-" + i).hex());
      }
      for (int p = 0; p < PROCESSES; p++) {
        expected.add(CredentialCacheKey.ofJson("process" + p + "-" + i).hex());
      }
    }
    assertThat(keys).isEqualTo(expected);
    assertThat(warnings).isEmpty();
    assertThat(reads.get()).as("the reader read the file while it was being written").isPositive();
  }

  private static void readContinuously(Path file, AtomicBoolean writing, AtomicInteger reads) {
    while (writing.get()) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        continue;
      } catch (IOException e) {
        throw new AssertionError("could not read " + file, e);
      }
      try {
        CredentialCacheDocument document =
            KubeJson.yaml().readValue(bytes, CredentialCacheDocument.class);
        assertThat(document.kind()).isEqualTo("CredentialCache");
      } catch (IOException e) {
        throw new AssertionError(
            "a reader saw a partial file:\n" + new String(bytes, StandardCharsets.UTF_8), e);
      }
      reads.incrementAndGet();
    }
  }

  @Test
  void aLockHeldByAnotherProcessMakesTheCacheGiveUpAfterItsTimeoutWithAWarning() throws Exception {
    Path file = temp.resolve("credentials.yaml");
    List<String> warnings = new ArrayList<>();
    CredentialCache cache =
        new CredentialCache(file, Clock.systemUTC(), Duration.ofMillis(300), warnings::add);
    cache.put(
        CredentialCacheKey.ofJson("k"),
        ExecCredentialStatus.ofToken("t", Clock.systemUTC().instant().plus(Duration.ofHours(1))));

    Process holder =
        javaProcess(LockHolderMain.class, temp.resolve("credentials.yaml.lock").toString());
    processes.add(holder);
    BufferedReader holderOutput =
        new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
    assertThat(holderOutput.readLine()).isEqualTo("locked true");

    long start = System.nanoTime();
    assertThat(cache.get(CredentialCacheKey.ofJson("k"))).isEmpty();
    Duration waited = Duration.ofNanos(System.nanoTime() - start);

    assertThat(waited).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    assertThat(Thread.currentThread().isInterrupted())
        .as("the timer that ended the wait leaves no interrupt behind")
        .isFalse();
    assertThat(warnings).singleElement().asString().startsWith("could not lock").contains("within");

    holder.getOutputStream().close();
    assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(cache.get(CredentialCacheKey.ofJson("k"))).isPresent();
  }

  private static Process javaProcess(Class<?> mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }
}

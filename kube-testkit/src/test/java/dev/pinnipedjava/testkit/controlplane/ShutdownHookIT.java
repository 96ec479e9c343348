package dev.pinnipedjava.testkit.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownHookIT {

  @Test
  void terminatingTheJvmStopsItsControlPlane(@TempDir Path runDirectory) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process jvm =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                StartAndAwaitTermination.class.getName(),
                runDirectory.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader stdout =
          new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(3, TimeUnit.MINUTES);
      assertThat(line).as("first line of the JVM").startsWith("ready ");
      List<Long> numbers =
          Arrays.stream(line.substring("ready ".length()).split(" ")).map(Long::valueOf).toList();
      List<Long> pids = numbers.subList(0, 2);
      List<URI> endpoints =
          numbers.subList(2, 5).stream()
              .map(port -> URI.create("tcp://127.0.0.1:" + port))
              .toList();
      assertThat(pids).allMatch(ShutdownHookIT::alive);

      jvm.destroy();

      assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).as("JVM exited after SIGTERM").isTrue();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> pids.stream().noneMatch(ShutdownHookIT::alive));
      assertThat(endpoints).noneMatch(Loopback::listening);
      assertThat(new ControlPlaneLayout(runDirectory).etcdData()).doesNotExist();
    } finally {
      jvm.destroyForcibly();
    }
  }

  private static boolean alive(long pid) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    return handle.isPresent() && handle.get().isAlive();
  }

  private static String readLine(BufferedReader reader) {
    try {
      String line = reader.readLine();
      return line == null ? "(no output)" : line;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

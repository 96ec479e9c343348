package dev.pinnipedjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.cli.testing.CliRun;
import dev.pinnipedjava.cli.testing.FakeOidcProvider;
import dev.pinnipedjava.testkit.clock.MutableClock;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty kubectl-like processes of the real launcher start at once while the cached credential has
 * expired but the session can be refreshed: exactly one refresh reaches the provider, and every
 * process prints a valid credential.
 */
class SingleFlightRefreshIT {

  private static final int PROCESSES = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  /** Three minutes behind, so that the first login's two-minute tokens have expired "now". */
  private final MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofMinutes(3)));

  private final FakeOidcProvider provider = new FakeOidcProvider(clock);
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stop() {
    processes.forEach(Process::destroyForcibly);
    provider.close();
  }

  @Test
  void concurrentRunsWithAnExpiredCredentialRefreshOnceAndAllGetTheNewCredential()
      throws Exception {
    provider.supervisorIdps =
        "[{\"name\":\"my-ldap\",\"type\":\"ldap\",\"flows\":[\"cli_password\"]}]";
    List<String> args =
        List.of(
            "login",
            "oidc",
            "--issuer=" + provider.issuer(),
            "--ca-bundle-data=" + provider.server().caBase64(),
            "--upstream-identity-provider-name=my-ldap",
            "--upstream-identity-provider-type=ldap");
    Map<String, String> env =
        Map.of(
            "XDG_CONFIG_HOME", temp.resolve("xdg").toString(),
            "PINNIPED_USERNAME", FakeOidcProvider.USERNAME,
            "PINNIPED_PASSWORD", FakeOidcProvider.PASSWORD);
    CliRun firstLogin = new CliRun().clock(clock);
    env.forEach(firstLogin::env);
    CliRun.Result first = firstLogin.run(args.toArray(String[]::new));
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    clock.advance(Duration.between(clock.instant(), Instant.now()));
    assertThat(expiry(first.stdout()))
        .as("the cached credential has expired")
        .isBefore(Instant.now());
    long tokenRequestsBefore = provider.tokenRequests().size();

    List<Path> outputs = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      outputs.add(temp.resolve("process-" + i + ".out"));
      processes.add(start(args, env, outputs.get(i), temp.resolve("process-" + i + ".err")));
    }
    for (int i = 0; i < PROCESSES; i++) {
      Process process = processes.get(i);
      assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("process %d finished", i).isTrue();
      assertThat(process.exitValue())
          .as("process %d: %s", i, Files.readString(temp.resolve("process-" + i + ".err")))
          .isZero();
    }

    assertThat(provider.tokenRequests().size() - tokenRequestsBefore)
        .as("token endpoint requests after the first login")
        .isEqualTo(1);
    assertThat(provider.tokenRequests("refresh_token")).isEqualTo(1);
    Set<String> tokens = new HashSet<>();
    for (Path output : outputs) {
      String stdout = Files.readString(output, StandardCharsets.UTF_8);
      assertThat(expiry(stdout)).as("a valid credential").isAfter(Instant.now());
      tokens.add(JSON.readTree(stdout).path("status").path("token").asText());
    }
    assertThat(tokens).as("every process printed the one refreshed ID token").hasSize(1);
  }

  private static Instant expiry(String execCredential) throws IOException {
    JsonNode status = JSON.readTree(execCredential).path("status");
    return Instant.parse(status.path("expirationTimestamp").asText());
  }

  private static Process start(List<String> args, Map<String, String> env, Path stdout, Path stderr)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Distribution.launcher().toString());
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("PINNIPED_DEBUG");
    builder.environment().put("JAVA_HOME", LauncherProcess.realJavaHome().toString());
    builder.environment().putAll(env);
    return builder.start();
  }
}

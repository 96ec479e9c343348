package dev.pinnipedjava.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinnipedjava.cli.testing.CliRun;
import dev.pinnipedjava.cli.testing.CliRun.Result;
import dev.pinnipedjava.cli.testing.CliRun.Running;
import dev.pinnipedjava.cli.testing.FakeOidcProvider;
import dev.pinnipedjava.testkit.clock.MutableClock;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two logins for the same OIDC session wait on one lock, even with no credential cache to share:
 * the second finds the tokens the first obtained, and the lock file is gone afterwards.
 */
class SessionSingleFlightTest {
  private static final Instant START = Instant.parse("2025-06-01T12:00:00Z");

  @TempDir Path home;

  private final MutableClock clock = new MutableClock(START);
  private final FakeOidcProvider provider = new FakeOidcProvider(clock);

  @AfterEach
  void stop() {
    provider.close();
  }

  private CliRun cli() {
    return new CliRun().home(home).clock(clock);
  }

  private String[] args() {
    return new String[] {
      "login",
      "oidc",
      "--issuer=" + provider.issuer(),
      "--ca-bundle-data=" + provider.server().caBase64(),
      "--skip-browser",
      "--credential-cache=",
      "--session-cache=" + home.resolve("sessions.yaml"),
      "--upstream-identity-provider-name=my-ldap",
      "--upstream-identity-provider-type=ldap"
    };
  }

  @Test
  void aSecondLoginForTheSameSessionWaitsForTheFirstAndUsesItsTokens() throws Exception {
    provider.supervisorIdps =
        "[{\"name\":\"my-ldap\",\"type\":\"ldap\",\"flows\":[\"cli_password\"]}]";
    // Long enough for the cached ID token to be reused rather than refreshed.
    provider.idTokenLifetime = Duration.ofHours(1);
    PipedOutputStream keyboard = new PipedOutputStream();
    Running first = cli().terminal(true).stdin(new PipedInputStream(keyboard)).start(args());
    await("the first login prompting, holding the session's lock")
        .atMost(Duration.ofSeconds(30))
        .until(() -> first.stderrSoFar().contains("Username: "));

    Running second =
        cli()
            .env("PINNIPED_USERNAME", FakeOidcProvider.USERNAME)
            .env("PINNIPED_PASSWORD", FakeOidcProvider.PASSWORD)
            .start(args());
    await("the second login waiting for the first")
        .atMost(Duration.ofSeconds(30))
        .until(() -> second.stderrSoFar().contains("Waiting for another pinniped-java process"));
    assertThat(provider.authorizeRequests()).isEmpty();

    keyboard.write(
        (FakeOidcProvider.USERNAME + "\n" + FakeOidcProvider.PASSWORD + "\n")
            .getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
    Result firstResult = first.await();
    Result secondResult = second.await();

    assertThat(firstResult.exitCode()).as(firstResult.stderr()).isZero();
    assertThat(secondResult.exitCode()).as(secondResult.stderr()).isZero();
    assertThat(provider.authorizeRequests()).hasSize(1);
    assertThat(provider.tokenRequests("refresh_token")).isZero();
    assertThat(secondResult.stdout()).isEqualTo(firstResult.stdout());
    try (Stream<Path> locks = Files.list(home.resolve("sessions.yaml.login"))) {
      assertThat(locks.filter(file -> file.toString().endsWith(".lock"))).isEmpty();
    }
  }
}

package dev.pinnipedjava.cli.fastpath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.cli.execcredential.ExecCredentialStatus;
import dev.pinnipedjava.testkit.clock.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FastPathRecorderTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final String KEY = "a".repeat(64);
  private static final String JSON =
      "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\"}";

  @TempDir Path temp;

  private final List<String> problems = new ArrayList<>();

  private Map<String, String> env() {
    return Map.of("XDG_CONFIG_HOME", temp.toString(), "TOKEN", "secret-value");
  }

  private FastPathRecorder recorder(List<String> args, List<String> bound, Clock clock) {
    Map<String, String> env = env();
    return FastPathRecorder.forRun(
        args, name -> Optional.ofNullable(env.get(name)), bound, clock, problems::add);
  }

  private static ExecCredentialStatus token(String token) {
    return ExecCredentialStatus.ofToken(token, NOW.plus(Duration.ofMinutes(5)));
  }

  private Path directory() {
    return temp.resolve("pinniped/credentials.fastpath");
  }

  private List<String> entries() throws IOException {
    try (Stream<Path> files = Files.list(directory())) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private String nameOf(List<String> args) {
    Map<String, String> env = env();
    return Invocation.of(args, name -> Optional.ofNullable(env.get(name))).orElseThrow().key();
  }

  @Test
  void writesAPrivateEntryThatFindsItsOwnRun() throws IOException {
    List<String> args = List.of("login", "oidc", "--issuer=https://issuer.example.com");
    recorder(args, List.of(), new MutableClock(NOW))
        .record(
            KEY,
            temp.resolve("credentials.yaml"),
            NOW.plusSeconds(60),
            token("token-aaaaaaaaaaaaaaaa"),
            JSON);

    assertThat(entries()).containsExactly(nameOf(args));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory())))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(directory().resolve(nameOf(args)))))
        .isEqualTo("rw-------");
    Map<String, String> env = env();
    FastPathEntry entry =
        FastPathStore.find(
                directory(),
                Invocation.of(args, name -> Optional.ofNullable(env.get(name))).orElseThrow())
            .orElseThrow();
    assertThat(entry.serveUntil()).isEqualTo(NOW.plusSeconds(60).getEpochSecond());
    assertThat(entry.proof()).isEqualTo("token-aaaaaaaaaaaaaaaa");
    assertThat(entry.execCredential()).isEqualTo(JSON);
    assertThat(entry.toString()).doesNotContain("token-aaaaaaaaaaaaaaaa");
    assertThat(problems).isEmpty();
  }

  @Test
  void aNewCredentialForTheKeyRemovesTheEntriesOfTheOldOne() throws IOException {
    List<String> first = List.of("login", "oidc", "--issuer=https://issuer.example.com");
    List<String> second = List.of("login", "oidc", "--issuer=https://issuer.example.com", "--x");
    List<String> other = List.of("login", "oidc", "--issuer=https://other.example.com");
    MutableClock clock = new MutableClock(NOW);
    recorder(first, List.of(), clock)
        .record(
            KEY, temp.resolve("c.yaml"), NOW.plusSeconds(60), token("old-token-aaaaaaaaaa"), JSON);
    recorder(other, List.of(), clock)
        .record(
            "b".repeat(64),
            temp.resolve("c.yaml"),
            NOW.plusSeconds(60),
            token("other-token-aaaaaaaa"),
            JSON);

    recorder(second, List.of(), clock)
        .record(
            KEY, temp.resolve("c.yaml"), NOW.plusSeconds(90), token("new-token-aaaaaaaaaa"), JSON);

    assertThat(entries()).containsExactlyInAnyOrder(nameOf(second), nameOf(other));
  }

  @Test
  void expiredCorruptAndAbandonedEntriesGoWhenAnotherIsWritten() throws IOException {
    List<String> expired = List.of("login", "oidc", "--issuer=https://expired.example.com");
    List<String> fresh = List.of("login", "oidc", "--issuer=https://fresh.example.com");
    MutableClock clock = new MutableClock(NOW);
    recorder(expired, List.of(), clock)
        .record(
            "c".repeat(64),
            temp.resolve("c.yaml"),
            NOW.plusSeconds(30),
            token("expiring-aaaaaaaaaaa"),
            JSON);
    Path corrupt = Files.writeString(directory().resolve("d".repeat(64)), "not an entry");
    Path abandoned = Files.writeString(directory().resolve(".tmp-abandoned"), "half");
    Files.setLastModifiedTime(abandoned, FileTime.from(NOW.minus(Duration.ofMinutes(5))));
    Path inProgress = Files.writeString(directory().resolve(".tmp-in-progress"), "half");
    Files.setLastModifiedTime(inProgress, FileTime.from(NOW.plusSeconds(30)));
    clock.advance(Duration.ofSeconds(30));

    recorder(fresh, List.of(), clock)
        .record(
            KEY,
            temp.resolve("c.yaml"),
            NOW.plusSeconds(300),
            token("fresh-token-aaaaaaaaa"),
            JSON);

    assertThat(entries()).containsExactlyInAnyOrder(nameOf(fresh), ".tmp-in-progress");
    assertThat(corrupt).doesNotExist();
  }

  record Skip(
      String name,
      Map<String, String> env,
      List<String> args,
      List<String> bound,
      ExecCredentialStatus credential,
      Duration servable) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Skip> skips() {
    List<String> oidc = List.of("login", "oidc", "--issuer=https://issuer.example.com");
    ExecCredentialStatus ok = token("token-aaaaaaaaaaaaaaaa");
    Map<String, String> xdg = Map.of("XDG_CONFIG_HOME", "{temp}");
    Duration minute = Duration.ofMinutes(1);
    return Stream.of(
        new Skip(
            "a relative XDG_CONFIG_HOME",
            Map.of("XDG_CONFIG_HOME", "relative"),
            oidc,
            List.of(),
            ok,
            minute),
        new Skip("neither XDG_CONFIG_HOME nor HOME", Map.of(), oidc, List.of(), ok, minute),
        new Skip("not a login command", xdg, List.of("whoami"), List.of(), ok, minute),
        new Skip(
            "a token with characters a YAML writer may escape",
            Map.of(),
            oidc,
            List.of(),
            token("tok\"en-aaaaaaaaaaaaaaa"),
            minute),
        new Skip(
            "a certificate without a full base64 line",
            xdg,
            oidc,
            List.of(),
            new ExecCredentialStatus(
                NOW.plus(minute),
                null,
                "-----BEGIN CERTIFICATE-----\nshort\n-----END CERTIFICATE-----\n",
                "key"),
            minute),
        new Skip("an unset bound variable", xdg, oidc, List.of("UNSET"), ok, minute),
        new Skip(
            "a bound variable holding a newline",
            Map.of("XDG_CONFIG_HOME", "{temp}", "TOKEN", "line\nbreak"),
            oidc,
            List.of("TOKEN"),
            ok,
            minute),
        new Skip(
            "a bound variable that is not a shell name",
            Map.of("A-B", "x"),
            oidc,
            List.of("A-B"),
            ok,
            minute),
        new Skip("a credential no longer servable", xdg, oidc, List.of(), ok, Duration.ZERO));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("skips")
  void recordsNothingTheLauncherCouldNotCheckExactly(Skip c) {
    Map<String, String> env = new HashMap<>();
    c.env().forEach((name, value) -> env.put(name, value.replace("{temp}", temp.toString())));
    FastPathRecorder.forRun(
            c.args(),
            name -> Optional.ofNullable(env.get(name)),
            c.bound(),
            new MutableClock(NOW),
            problems::add)
        .record(
            KEY, temp.resolve("credentials.yaml"), NOW.plus(c.servable()), c.credential(), JSON);

    assertThat(temp.resolve("pinniped")).doesNotExist();
    assertThat(Path.of("relative")).doesNotExist();
  }
}

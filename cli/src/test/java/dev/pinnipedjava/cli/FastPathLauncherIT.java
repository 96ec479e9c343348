package dev.pinnipedjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.cli.LauncherProcess.Result;
import dev.pinnipedjava.cli.fastpath.FastPathLookup;
import dev.pinnipedjava.cli.fastpath.Invocation;
import dev.pinnipedjava.cli.testing.CliRun;
import dev.pinnipedjava.cli.testing.FakeConcierge;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.testkit.clock.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The launcher's fast path and the Java code agree: for each case a real {@code login static}
 * through the Concierge records its credential (in-process, as the JVM path does), the case changes
 * something, and then the real launcher (with a java that only reports being started) and {@link
 * FastPathLookup} decide on the same arguments and environment. Both must serve exactly when the
 * case says so, and a served answer is byte for byte what the JVM printed.
 */
class FastPathLauncherIT {

  private static final String TOKEN_ENV = "PINNIPED_TEST_TOKEN";

  @TempDir Path temp;

  /** The time of the login; the Concierge dates its credentials by it. */
  private final MutableClock clock = new MutableClock(Instant.now());

  private final FakeConcierge concierge =
      FakeConcierge.issuingCertificates(
          clock,
          CertificateAuthority.create(
              "fast-path-test-client-ca",
              Duration.ofHours(2),
              Clock.systemUTC(),
              new SecureRandom()));

  @AfterEach
  void stop() {
    concierge.close();
  }

  /** One recorded login and what a case may change before the launcher runs. */
  final class Scenario {
    final List<String> args = new ArrayList<>();
    final Map<String, String> env = new HashMap<>();
    final Path xdg = temp.resolve("xdg");
    Path javaHome;
    String jvmOutput = "";

    Scenario() throws IOException {
      args.addAll(
          List.of(
              "login",
              "static",
              "--enable-concierge",
              "--concierge-authenticator-type=webhook",
              "--concierge-authenticator-name=my-webhook",
              "--concierge-endpoint=" + concierge.server().url(),
              "--concierge-ca-bundle-data=" + concierge.server().caBase64(),
              "--token-env=" + TOKEN_ENV));
      env.put("XDG_CONFIG_HOME", xdg.toString());
      env.put("KUBERNETES_EXEC_INFO", execInfo("https://cluster-a.example.com"));
      env.put(TOKEN_ENV, FakeConcierge.GOOD_TOKEN);
      javaHome = LauncherProcess.withoutJvm(temp.resolve("no-jvm"));
    }

    Path configDir() {
      return xdg.resolve("pinniped");
    }

    Path credentials() {
      return configDir().resolve("credentials.yaml");
    }

    Path entry() {
      Invocation invocation =
          Invocation.of(args, name -> Optional.ofNullable(env.get(name))).orElseThrow();
      return invocation.directory().resolve(invocation.key());
    }

    /**
     * The index of an entry field after the invocation: 0 is serve-until, 1 the cache key, 2 the
     * credentials.yaml path, 3 the proof.
     */
    int fieldIndex(int afterInvocation) {
      return 3 + args.size() + 1 + afterInvocation;
    }

    /** Logs in through the JVM code at {@code time}, which records the fast-path entry. */
    void logInAt(Instant time) {
      clock.advance(Duration.between(clock.instant(), time));
      CliRun cli = new CliRun().clock(clock);
      env.forEach(cli::env);
      CliRun.Result result = cli.run(args.toArray(String[]::new));
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      jvmOutput = result.stdout();
      assertThat(entry()).as("the login recorded a fast-path entry").isRegularFile();
    }
  }

  @FunctionalInterface
  interface Change {
    void apply(Scenario scenario) throws Exception;
  }

  record Case(
      String name,
      Duration loggedInAgo,
      List<String> extraArgs,
      Change change,
      boolean wantServed) {
    Case(String name, Duration loggedInAgo, Change change, boolean wantServed) {
      this(name, loggedInAgo, List.of(), change, wantServed);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    Duration now = Duration.ZERO;
    Duration lifetime = FakeConcierge.LIFETIME;
    return Stream.of(
        new Case("a valid entry is served", now, s -> {}, true),
        new Case(
            "a credential expiring in 40 s (outside the safety margin) is served",
            lifetime.minusSeconds(40),
            s -> {},
            true),
        new Case(
            "a credential expiring in 5 s (inside the safety margin) is not",
            lifetime.minusSeconds(5),
            s -> {},
            false),
        new Case("an expired credential is not", lifetime.plusMinutes(1), s -> {}, false),
        new Case(
            "with an absolute --credential-cache it is served",
            now,
            List.of("--credential-cache={temp}/elsewhere/creds.yaml"),
            s -> {},
            true),
        new Case(
            "other arguments are not",
            now,
            s -> s.args.add("--concierge-api-group-suffix=pinniped.dev"),
            false),
        new Case(
            "other cluster info is not",
            now,
            s -> s.env.put("KUBERNETES_EXEC_INFO", execInfo("https://cluster-b.example.com")),
            false),
        new Case("no cluster info is not", now, s -> s.env.remove("KUBERNETES_EXEC_INFO"), false),
        new Case(
            "another config directory holding a copy of the entries is not",
            now,
            s -> {
              Path copy = s.xdg.resolveSibling("other-xdg");
              copyTree(s.xdg, copy);
              s.env.put("XDG_CONFIG_HOME", copy.toString());
            },
            false),
        new Case(
            "HOME when the entry was recorded under XDG_CONFIG_HOME is not",
            now,
            s -> {
              String xdg = s.env.remove("XDG_CONFIG_HOME");
              Path home = Files.createDirectories(Path.of(xdg).resolveSibling("home"));
              Files.createSymbolicLink(home.resolve(".config"), Path.of(xdg));
              s.env.put("HOME", home.toString());
            },
            false),
        new Case(
            "after credentials.yaml was deleted (logout) it is not",
            now,
            s -> Files.delete(s.credentials()),
            false),
        new Case(
            "after credentials.yaml got another credential for the key it is not",
            now,
            s -> replaceProof(s),
            false),
        new Case(
            "another value of the --token-env variable is not",
            now,
            s -> s.env.put(TOKEN_ENV, "someone-elses-token"),
            false),
        new Case("an unset --token-env variable is not", now, s -> s.env.remove(TOKEN_ENV), false),
        new Case(
            "PINNIPED_DEBUG=true is not", now, s -> s.env.put("PINNIPED_DEBUG", "true"), false),
        new Case(
            "an entry without its last field is not",
            now,
            s -> editFields(s, fields -> fields.remove(fields.size() - 1)),
            false),
        new Case(
            "an entry of an unknown version is not",
            now,
            s -> editFields(s, fields -> fields.set(0, "pinniped-java fastpath v2")),
            false),
        new Case(
            "an entry with a non-numeric expiry is not",
            now,
            s ->
                editFields(
                    s, fields -> fields.set(s.fieldIndex(0), "x" + fields.get(s.fieldIndex(0)))),
            false),
        new Case(
            "an entry for another config directory (a copy) is not",
            now,
            s -> editFields(s, fields -> fields.set(1, fields.get(1) + "/")),
            false),
        new Case(
            "an entry others can read is not",
            now,
            s ->
                Files.setPosixFilePermissions(
                    s.entry(), PosixFilePermissions.fromString("rw-r--r--")),
            false),
        new Case(
            "an entry directory others can enter is not",
            now,
            s ->
                Files.setPosixFilePermissions(
                    s.entry().getParent(), PosixFilePermissions.fromString("rwxr-xr-x")),
            false),
        new Case(
            "an entry owned by another user is not", now, s -> chownToNobody(s.entry()), false),
        new Case(
            "an entry that is a symlink to a valid entry is not",
            now,
            s -> {
              Path elsewhere = s.configDir().resolve("moved-entry");
              Files.move(s.entry(), elsewhere);
              Files.createSymbolicLink(s.entry(), elsewhere);
            },
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theLauncherServesExactlyWhenTheJavaCodeDoes(Case c) throws Exception {
    Scenario scenario = new Scenario();
    c.extraArgs().forEach(arg -> scenario.args.add(arg.replace("{temp}", temp.toString())));
    scenario.logInAt(Instant.now().minus(c.loggedInAgo()));
    c.change().apply(scenario);

    Optional<String> java =
        FastPathLookup.find(
            scenario.args, name -> Optional.ofNullable(scenario.env.get(name)), Instant.now());
    Result launcher = LauncherProcess.run(scenario.args, scenario.env, scenario.javaHome);

    assertThat(java.isPresent()).as("the Java code serves").isEqualTo(c.wantServed());
    if (c.wantServed()) {
      assertThat(launcher.exitCode()).as(launcher.stderr()).isZero();
      assertThat(launcher.stderr()).isEmpty();
      assertThat(launcher.stdout()).isEqualTo(scenario.jvmOutput).isEqualTo(java.orElseThrow());
    } else {
      assertThat(launcher.startedTheJvm())
          .as("the launcher started the JVM; stdout: %s", launcher.stdout())
          .isTrue();
      assertThat(launcher.stdout()).isEmpty();
    }
    assertThat(concierge.requestCount()).isEqualTo(1);
  }

  private static String execInfo(String server) {
    return "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\","
        + "\"spec\":{\"cluster\":{\"server\":\""
        + server
        + "\"},\"interactive\":false}}";
  }

  /** Rewrites the entry's NUL-terminated fields. */
  private static void editFields(Scenario scenario, Consumer<List<String>> edit)
      throws IOException {
    List<String> fields = fields(scenario.entry());
    edit.accept(fields);
    StringBuilder text = new StringBuilder();
    fields.forEach(field -> text.append(field).append('\0'));
    Files.writeString(scenario.entry(), text, StandardCharsets.UTF_8);
  }

  private static List<String> fields(Path entry) throws IOException {
    String text = Files.readString(entry, StandardCharsets.UTF_8);
    return new ArrayList<>(List.of(text.substring(0, text.length() - 1).split("\0", -1)));
  }

  /** Changes the credential's proof text in credentials.yaml, as a replaced credential would. */
  private static void replaceProof(Scenario scenario) throws IOException {
    String proof = fields(scenario.entry()).get(scenario.fieldIndex(3));
    String text = Files.readString(scenario.credentials(), StandardCharsets.UTF_8);
    assertThat(text).contains(proof);
    Files.writeString(scenario.credentials(), text.replace(proof, "A".repeat(proof.length())));
  }

  private static void chownToNobody(Path entry) throws IOException {
    UserPrincipal nobody =
        entry.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    try {
      Files.setOwner(entry, nobody);
    } catch (IOException e) {
      throw new AssertionError(
          "this case changes the entry's owner, which needs root (or CAP_CHOWN): " + e, e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }
}

package dev.pinnipedjava.cli.credentialcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.cli.execcredential.ExecCredentialStatus;
import dev.pinnipedjava.cli.kubejson.KubeJson;
import dev.pinnipedjava.testkit.clock.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CredentialCacheTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final CredentialCacheKey KEY = CredentialCacheKey.ofJson("key-1");
  private static final CredentialCacheKey OTHER_KEY = CredentialCacheKey.ofJson("key-2");

  @TempDir Path temp;

  private final MutableClock clock = new MutableClock(NOW);
  private final List<String> warnings = new ArrayList<>();

  private CredentialCache cache(Path file) {
    return new CredentialCache(file, clock, warnings::add);
  }

  private static ExecCredentialStatus token(String token, @Nullable Instant expiry) {
    return ExecCredentialStatus.ofToken(token, expiry);
  }

  @Test
  void aMissingFileIsAMissAndIsNotCreatedByReading() {
    Path file = temp.resolve("pinniped/credentials.yaml");

    assertThat(cache(file).get(KEY)).isEmpty();

    assertThat(file.getParent()).doesNotExist();
    assertThat(warnings).isEmpty();
  }

  @Test
  void putThenGetReturnsTheCredentialAndMarksItUsed() throws IOException {
    Path file = temp.resolve("pinniped/credentials.yaml");
    ExecCredentialStatus credential =
        new ExecCredentialStatus(NOW.plus(Duration.ofMinutes(5)), null, "cert-pem", "key-pem");
    cache(file).put(KEY, credential);
    clock.advance(Duration.ofMinutes(1));

    assertThat(cache(file).get(KEY)).map(CachedCredential::credential).contains(credential);
    assertThat(cache(file).get(OTHER_KEY)).isEmpty();

    CredentialCacheDocument document =
        KubeJson.yaml().readValue(file.toFile(), CredentialCacheDocument.class);
    assertThat(document.apiVersion()).isEqualTo("config.supervisor.pinniped.dev/v1alpha1");
    assertThat(document.kind()).isEqualTo("CredentialCache");
    assertThat(document.credentials())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.key()).isEqualTo(KEY.hex());
              assertThat(entry.creationTimestamp()).isEqualTo(NOW);
              assertThat(entry.lastUsedTimestamp()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
            });
    assertThat(warnings).isEmpty();
  }

  @Test
  void createsTheFileAndLockOwnerOnlyInAnOwnerOnlyDirectory() throws IOException {
    Path directory = temp.resolve("config/pinniped");
    Path file = directory.resolve("credentials.yaml");

    cache(file).put(KEY, token("t", NOW.plus(Duration.ofMinutes(5))));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(directory.resolve("credentials.yaml.lock"))))
        .isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no temporary file is left behind")
          .containsExactlyInAnyOrder("credentials.yaml", "credentials.yaml.lock");
    }
  }

  @Test
  void putReplacesTheCredentialOfAnExistingKeyAndKeepsItsCreationTime() throws IOException {
    Path file = temp.resolve("credentials.yaml");
    cache(file).put(KEY, token("old", NOW.plus(Duration.ofMinutes(5))));
    clock.advance(Duration.ofMinutes(2));

    cache(file).put(KEY, token("new", NOW.plus(Duration.ofMinutes(10))));

    assertThat(cache(file).get(KEY))
        .map(CachedCredential::credential)
        .map(ExecCredentialStatus::token)
        .contains("new");
    CredentialCacheDocument document =
        KubeJson.yaml().readValue(file.toFile(), CredentialCacheDocument.class);
    assertThat(document.credentials())
        .singleElement()
        .extracting(e -> e.creationTimestamp())
        .isEqualTo(NOW);
  }

  record PruneCase(
      String name,
      @Nullable Duration createdAgo,
      @Nullable Duration expiresIn,
      boolean hasCredential,
      boolean wantKept,
      boolean wantServed) {
    PruneCase(
        String name,
        @Nullable Duration createdAgo,
        @Nullable Duration expiresIn,
        boolean hasCredential,
        boolean wantKept) {
      this(name, createdAgo, expiresIn, hasCredential, wantKept, wantKept);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<PruneCase> pruneCases() {
    return Stream.of(
        new PruneCase(
            "fresh entry is kept", Duration.ofMinutes(1), Duration.ofMinutes(4), true, true),
        new PruneCase(
            "expiring exactly now is kept (no margin) but not served (safety margin)",
            Duration.ofMinutes(1),
            Duration.ZERO,
            true,
            true,
            false),
        new PruneCase(
            "expiring within the safety margin is kept but not served",
            Duration.ofMinutes(1),
            Duration.ofSeconds(10),
            true,
            true,
            false),
        new PruneCase(
            "expiring just after the safety margin is served",
            Duration.ofMinutes(1),
            Duration.ofSeconds(11),
            true,
            true,
            true),
        new PruneCase(
            "reaching the hour within the safety margin is kept but not served",
            Duration.ofMinutes(59).plusSeconds(51),
            Duration.ofHours(2),
            true,
            true,
            false),
        new PruneCase(
            "expired a second ago is dropped",
            Duration.ofMinutes(1),
            Duration.ofSeconds(-1),
            true,
            false),
        new PruneCase("without expiry is dropped", Duration.ofMinutes(1), null, true, false),
        new PruneCase(
            "without credential is dropped",
            Duration.ofMinutes(1),
            Duration.ofMinutes(4),
            false,
            false),
        new PruneCase(
            "created exactly an hour ago is kept but not served",
            Duration.ofHours(1),
            Duration.ofHours(2),
            true,
            true,
            false),
        new PruneCase(
            "created over an hour ago is dropped though valid",
            Duration.ofMinutes(61),
            Duration.ofHours(2),
            true,
            false),
        new PruneCase(
            "without creation time is dropped", null, Duration.ofMinutes(4), true, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pruneCases")
  void prunesByPinnipedsRules(PruneCase c) throws IOException {
    Path file = temp.resolve("credentials.yaml");
    String created = c.createdAgo() == null ? "null" : quoted(NOW.minus(c.createdAgo()));
    String credential =
        !c.hasCredential()
            ? "null"
            : c.expiresIn() == null
                ? "{token: test-token}"
                : "{token: test-token, expirationTimestamp: %s}"
                    .formatted(quoted(NOW.plus(c.expiresIn())));
    Files.writeString(
        file,
        """
        apiVersion: config.supervisor.pinniped.dev/v1alpha1
        kind: CredentialCache
        credentials:
          - key: "%s"
            creationTimestamp: %s
            lastUsedTimestamp: %s
            credential: %s
        """
            .formatted(KEY.hex(), created, quoted(NOW), credential));

    var got = cache(file).get(KEY);

    assertThat(got.isPresent()).as("served").isEqualTo(c.wantServed());
    CredentialCacheDocument document =
        KubeJson.yaml().readValue(file.toFile(), CredentialCacheDocument.class);
    assertThat(document.credentials()).hasSize(c.wantKept() ? 1 : 0);
    assertThat(warnings).isEmpty();
  }

  @Test
  void keepsEntriesSortedByCreationTime() throws IOException {
    Path file = temp.resolve("credentials.yaml");
    Files.writeString(
        file,
        """
        apiVersion: config.supervisor.pinniped.dev/v1alpha1
        kind: CredentialCache
        credentials:
          - key: late
            creationTimestamp: "2025-06-01T11:50:00Z"
            lastUsedTimestamp: "2025-06-01T11:50:00Z"
            credential: {token: b, expirationTimestamp: "2025-06-01T12:30:00Z"}
          - key: early
            creationTimestamp: "2025-06-01T11:10:00Z"
            lastUsedTimestamp: "2025-06-01T11:10:00Z"
            credential: {token: a, expirationTimestamp: "2025-06-01T12:30:00Z"}
        """);

    cache(file).put(KEY, token("c", NOW.plus(Duration.ofMinutes(5))));

    CredentialCacheDocument document =
        KubeJson.yaml().readValue(file.toFile(), CredentialCacheDocument.class);
    assertThat(document.credentials())
        .extracting(CredentialCacheDocument.Entry::key)
        .containsExactly("early", "late", KEY.hex());
  }

  @Test
  void readsAFileWrittenByPinniped() throws IOException {
    // Pinniped's internal/execcredcache/testdata/valid.yaml, with times moved to "now".
    Path file = temp.resolve("credentials.yaml");
    Files.writeString(
        file,
        """
        apiVersion: config.supervisor.pinniped.dev/v1alpha1
        kind: CredentialCache
        credentials:
          - key: "%s"
            creationTimestamp: "2025-06-01T11:42:07Z"
            lastUsedTimestamp: "2025-06-01T11:45:31Z"
            credential:
              expirationTimestamp: "2025-06-01T12:46:30Z"
              token: "test-token"
        """
            .formatted(KEY.hex()));

    assertThat(cache(file).get(KEY))
        .map(CachedCredential::credential)
        .contains(token("test-token", Instant.parse("2025-06-01T12:46:30Z")));
  }

  record BadFileCase(String name, String content, String wantWarning) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<BadFileCase> badFiles() {
    return Stream.of(
        new BadFileCase("not YAML at all", "{{{ not yaml", "failed to read cache, resetting"),
        new BadFileCase("YAML of the wrong shape", "invalid yaml", "invalid cache file"),
        new BadFileCase(
            "a future version",
            "apiVersion: config.supervisor.pinniped.dev/v2\nkind: CredentialCache\ncredentials: []\n",
            "unsupported credential cache version"),
        new BadFileCase(
            "another kind",
            "apiVersion: config.supervisor.pinniped.dev/v1alpha1\nkind: SessionCache\n",
            "unsupported credential cache version"),
        new BadFileCase("a timestamp that is no timestamp", badTimestamp(), "invalid cache file"));
  }

  private static String badTimestamp() {
    return """
        apiVersion: config.supervisor.pinniped.dev/v1alpha1
        kind: CredentialCache
        credentials:
          - key: k
            creationTimestamp: "yesterday"
        """;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void aBadFileIsResetWithAWarningAndTheCacheKeepsWorking(BadFileCase c) throws IOException {
    Path file = temp.resolve("credentials.yaml");
    Files.writeString(file, c.content());

    assertThat(cache(file).get(KEY)).isEmpty();
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains(c.wantWarning())
        .contains(file.toString());

    cache(file).put(KEY, token("t", NOW.plus(Duration.ofMinutes(5))));
    assertThat(cache(file).get(KEY)).isPresent();
    assertThat(warnings).hasSize(1);
  }

  @Test
  void aDirectoryInPlaceOfTheFileGivesWarningsNotACrash() throws IOException {
    Path file = temp.resolve("credentials.yaml");
    Files.createDirectory(file);

    cache(file).put(KEY, token("t", NOW.plus(Duration.ofMinutes(5))));

    assertThat(cache(file).get(KEY)).isEmpty();
    assertThat(warnings)
        .anySatisfy(w -> assertThat(w).startsWith("failed to read cache, resetting"))
        .anySatisfy(w -> assertThat(w).startsWith("could not write cache"));
  }

  @Test
  void aFileInPlaceOfTheDirectoryGivesAWarningNotACrash() throws IOException {
    Path notADirectory = temp.resolve("pinniped");
    Files.writeString(notADirectory, "");

    cache(notADirectory.resolve("credentials.yaml"))
        .put(KEY, token("t", NOW.plus(Duration.ofMinutes(5))));

    assertThat(warnings).singleElement().asString().startsWith("could not create cache directory");
  }

  @Test
  void writesQuotedSortedYaml() throws IOException {
    Path file = temp.resolve("credentials.yaml");
    cache(file).put(KEY, token("t", NOW.plus(Duration.ofMinutes(5))));

    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo(
            """
            apiVersion: "config.supervisor.pinniped.dev/v1alpha1"
            credentials:
            - creationTimestamp: "2025-06-01T12:00:00Z"
              credential:
                expirationTimestamp: "2025-06-01T12:05:00Z"
                token: "t"
              key: "%s"
              lastUsedTimestamp: "2025-06-01T12:00:00Z"
            kind: "CredentialCache"
            """
                .formatted(KEY.hex()));
  }

  private static String quoted(Instant instant) {
    return "\"" + instant + "\"";
  }
}

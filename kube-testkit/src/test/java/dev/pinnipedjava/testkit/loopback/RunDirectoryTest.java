package dev.pinnipedjava.testkit.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RunDirectoryTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir Path temp;

  record Case(String name, boolean hasTarget, String wantParent) {}

  static Stream<Case> cases() {
    return Stream.of(
        new Case("in a module", true, "module/target"), new Case("elsewhere", false, "tmp"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aRunDirectoryIsPrivateAndNamedAfterThePartAndTime(Case c) throws IOException {
    Path module = Files.createDirectories(temp.resolve("module"));
    Path tmp = Files.createDirectories(temp.resolve("tmp"));
    if (c.hasTarget()) {
      Files.createDirectories(module.resolve("target"));
    }

    Path run =
        RunDirectory.create("slapd", module, tmp, CLOCK, RandomGenerator.of("L64X128MixRandom"));

    assertThat(run.getParent()).isEqualTo(temp.resolve(c.wantParent()));
    assertThat(run.getFileName().toString()).matches("slapd-20260102-030405-[0-9a-f]{5}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run)))
        .isEqualTo("rwx------");
  }
}

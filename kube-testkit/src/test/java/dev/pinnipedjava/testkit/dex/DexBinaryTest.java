package dev.pinnipedjava.testkit.dex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinnipedjava.testkit.loopback.MissingPartException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DexBinaryTest {
  @TempDir Path temp;

  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  @Test
  void theEnvironmentVariableWins() throws IOException {
    Path dex = executable("env/dex");
    repository("echo /should/not/run");

    assertThat(locate(Map.of(DexBinary.BINARY_VARIABLE, dex.toString())).executable())
        .isEqualTo(dex);
  }

  @Test
  void theScriptProvidesTheBinaryOnItsLastLine() throws IOException {
    Path dex = executable("cache/dex");
    repository("echo 'dex: cached' >&2\necho noise\necho " + dex);

    assertThat(locate(Map.of()).executable()).isEqualTo(dex);
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("dex: cached");
  }

  @Test
  void aFailingScriptIsAMissingPartWithItsMessage() throws IOException {
    repository("echo 'dex: Go is missing: install Go 1.22 or newer' >&2\nexit 1");

    assertThatThrownBy(() -> locate(Map.of()))
        .isInstanceOf(MissingPartException.class)
        .hasMessageContaining("hack/dex-binary.sh failed (exit 1)")
        .hasMessageContaining("Go is missing");
  }

  @Test
  void withoutVariableOrScriptTheMessageNamesBoth() {
    assertThatThrownBy(
            () ->
                DexBinary.locate(
                    name -> null,
                    temp.resolve("nowhere"),
                    new PrintStream(progress, true, StandardCharsets.UTF_8)))
        .isInstanceOf(MissingPartException.class)
        .hasMessageContaining(DexBinary.BINARY_VARIABLE)
        .hasMessageContaining("hack/dex-binary.sh");
  }

  @Test
  void aPathThatIsNoExecutableIsRefused() {
    assertThatThrownBy(() -> new DexBinary(temp.resolve("missing-dex")))
        .isInstanceOf(MissingPartException.class)
        .hasMessageContaining("is not an executable file");
  }

  private DexBinary locate(Map<String, String> environment) {
    return DexBinary.locate(
        environment::get,
        temp.resolve("repo/kube-testkit/target"),
        new PrintStream(progress, true, StandardCharsets.UTF_8));
  }

  private Path executable(String relative) throws IOException {
    Path file = temp.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  private void repository(String scriptBody) throws IOException {
    Path script = temp.resolve("repo/hack/dex-binary.sh");
    Files.createDirectories(script.getParent());
    Files.createDirectories(temp.resolve("repo/kube-testkit/target"));
    Files.writeString(script, "#!/usr/bin/env bash\n" + scriptBody + "\n");
  }
}

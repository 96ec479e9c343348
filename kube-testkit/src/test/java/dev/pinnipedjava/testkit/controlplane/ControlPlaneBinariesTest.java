package dev.pinnipedjava.testkit.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneBinariesTest {
  @TempDir Path temp;

  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  @Test
  void environmentVariableWins() throws IOException {
    Path binaries = binaries("env-bin", List.of("etcd", "kube-apiserver", "kubectl"));
    repository("echo /should/not/run");

    ControlPlaneBinaries found =
        locate(Map.of(ControlPlaneBinaries.DIRECTORY_VARIABLE, binaries.toString()));

    assertThat(found.directory()).isEqualTo(binaries);
    assertThat(found.kubeApiserver()).isEqualTo(binaries.resolve("kube-apiserver"));
  }

  @Test
  void aDirectoryWithoutAllThreeBinariesIsRefused() throws IOException {
    Path binaries = binaries("partial", List.of("etcd", "kube-apiserver"));

    assertThatThrownBy(
            () -> locate(Map.of(ControlPlaneBinaries.DIRECTORY_VARIABLE, binaries.toString())))
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining("has no executable kubectl");
  }

  @Test
  void theScriptAboveTheWorkingDirectoryProvidesTheDirectory() throws IOException {
    Path binaries = binaries("script-bin", List.of("etcd", "kube-apiserver", "kubectl"));
    repository("echo 'control-plane: cached' >&2\necho some noise\necho " + binaries + "\necho");

    ControlPlaneBinaries found = locate(Map.of());

    assertThat(found.directory()).isEqualTo(binaries);
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("control-plane: cached");
  }

  @Test
  void aFailingScriptReportsItsMessage() throws IOException {
    repository("echo 'control-plane: Go is missing: install Go 1.24 or newer' >&2\nexit 1");

    assertThatThrownBy(() -> locate(Map.of()))
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining("failed (exit 1)")
        .hasMessageContaining("Go is missing");
  }

  @Test
  void withoutVariableOrScriptTheMessageNamesBoth() {
    Path nowhere = temp.resolve("nowhere");

    assertThatThrownBy(
            () ->
                ControlPlaneBinaries.locate(
                    name -> null, nowhere, new PrintStream(progress, true, StandardCharsets.UTF_8)))
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining(ControlPlaneBinaries.DIRECTORY_VARIABLE)
        .hasMessageContaining(ControlPlaneBinaries.SCRIPT);
  }

  /** A fake repository whose script has the given body; the search starts two levels below it. */
  private void repository(String scriptBody) throws IOException {
    Path script = temp.resolve("repo").resolve(ControlPlaneBinaries.SCRIPT);
    Files.createDirectories(script.getParent());
    Files.writeString(script, "#!/usr/bin/env bash\n" + scriptBody + "\n");
    Files.createDirectories(temp.resolve("repo/module/target"));
  }

  private ControlPlaneBinaries locate(Map<String, String> environment) {
    return ControlPlaneBinaries.locate(
        name -> lookup(environment, name),
        temp.resolve("repo/module/target"),
        new PrintStream(progress, true, StandardCharsets.UTF_8));
  }

  private static @Nullable String lookup(Map<String, String> environment, String name) {
    return environment.get(name);
  }

  private Path binaries(String directory, List<String> names) throws IOException {
    Path dir = Files.createDirectories(temp.resolve(directory));
    for (String name : names) {
      Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }
    return dir;
  }
}

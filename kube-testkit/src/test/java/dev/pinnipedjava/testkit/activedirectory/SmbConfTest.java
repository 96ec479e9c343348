package dev.pinnipedjava.testkit.activedirectory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.testkit.loopback.TlsFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SmbConfTest {
  private static final Path RUN = Path.of("/work/run");

  private final Map<String, String> settings =
      new SmbConf(
              RUN.resolve("domain"),
              RUN,
              new TlsFiles(
                  RUN.resolve("tls/ca.crt"),
                  RUN.resolve("tls/tls.crt"),
                  RUN.resolve("tls/tls.key")))
          .render()
          .lines()
          .filter(line -> line.contains(" = "))
          .collect(
              Collectors.toMap(
                  line -> line.split(" = ", 2)[0].strip(), line -> line.split(" = ", 2)[1]));

  @Test
  void onlyLdapRunsAndOnlyOnLoopback() {
    assertThat(settings)
        .containsEntry("server services", "ldap")
        .containsEntry("interfaces", "127.0.0.1")
        .containsEntry("bind interfaces only", "yes")
        .containsEntry("server role", "active directory domain controller");
  }

  @Test
  void everyFileSocketAndPidIsBelowTheRunDirectory() {
    settings.entrySet().stream()
        .filter(
            e ->
                e.getKey().endsWith("dir")
                    || e.getKey().endsWith("directory")
                    || e.getKey().endsWith("file"))
        .forEach(e -> assertThat(e.getValue()).as(e.getKey()).startsWith(RUN.toString()));
    assertThat(settings.keySet())
        .contains("pid directory", "ncalrpc dir", "winbindd socket directory", "private dir");
  }

  @Test
  void tlsUsesTheRunsCertificate() {
    assertThat(settings)
        .containsEntry("tls enabled", "yes")
        .containsEntry("tls keyfile", RUN.resolve("tls/tls.key").toString());
  }
}

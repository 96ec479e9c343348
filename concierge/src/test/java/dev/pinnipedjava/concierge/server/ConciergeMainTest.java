package dev.pinnipedjava.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinnipedjava.concierge.config.ConciergeConfig;
import dev.pinnipedjava.concierge.config.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process' arguments, as the Deployment in deploy/concierge passes them. */
class ConciergeMainTest {
  @TempDir Path directory;

  @Test
  void theDeploymentsArgumentsReadTheConfigAndTheNamespaceFromTheDownwardApi() throws IOException {
    Path config = Files.writeString(directory.resolve("pinniped.yaml"), "apiGroupSuffix: a.b\n");
    Path podInfo = Files.createDirectory(directory.resolve("podinfo"));
    Files.writeString(podInfo.resolve("namespace"), "auth-system");

    ConciergeConfig read =
        ConciergeMain.config("concierge", "--config=" + config, "--downward-api-path=" + podInfo);

    assertThat(read.namespace()).isEqualTo("auth-system");
    assertThat(read.apiGroupSuffix().value()).isEqualTo("a.b");
  }

  @Test
  void withoutArgumentsTheDefaultsApply() {
    assertThat(ConciergeMain.config()).isEqualTo(ConciergeConfig.defaults());
  }

  @Test
  void theConfigFileAloneKeepsItsNamespace() throws IOException {
    Path config = Files.writeString(directory.resolve("pinniped.yaml"), "namespace: elsewhere\n");

    assertThat(ConciergeMain.config("--config=" + config).namespace()).isEqualTo("elsewhere");
  }

  @Test
  void anUnknownArgumentIsAnError() {
    assertThatThrownBy(() -> ConciergeMain.config("--config", "x"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("unknown argument --config ");
    // The app name is accepted only first.
    assertThatThrownBy(() -> ConciergeMain.config("--config=x", "concierge"))
        .isInstanceOf(InvalidConfigException.class);
  }

  @Test
  void aDownwardApiWithoutNamespaceIsAnError() {
    assertThatThrownBy(() -> ConciergeMain.config("--downward-api-path=" + directory))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no namespace file");
  }
}

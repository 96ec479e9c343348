package dev.pinnipedjava.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinnipedjava.testkit.loopback.MissingPartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChromiumTest {
  private static final List<String> ALL =
      List.of("usr/bin/chromium", "usr/bin/chromedriver", "usr/bin/certutil");

  @TempDir Path root;

  record Case(String name, List<String> present, String wantPackage) {}

  static Stream<Case> cases() {
    return Stream.of(
        new Case("no browser", List.of(), "chromium"),
        new Case("no driver", ALL.subList(0, 1), "chromium-driver"),
        new Case("no certutil", ALL.subList(0, 2), "libnss3-tools"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void locateNamesTheMissingPackage(Case c) throws IOException {
    create(c.present());

    assertThatThrownBy(() -> Chromium.locate(root))
        .isInstanceOf(MissingPartException.class)
        .hasMessageContaining("install the Debian package '" + c.wantPackage() + "'");
  }

  @Test
  void theDriverIsTheSystemChromedriver() throws IOException {
    create(ALL);

    assertThat(Chromium.locate(root).driver()).isEqualTo(root.resolve("usr/bin/chromedriver"));
  }

  @Test
  void theFlagsKeepTheBrowserHeadlessAndQuiet() {
    assertThat(Browser.FLAGS)
        .contains(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync")
        .doesNotContain("--ignore-certificate-errors");
  }

  private void create(List<String> files) throws IOException {
    for (String file : files) {
      Files.createDirectories(root.resolve(file).getParent());
      Files.createFile(root.resolve(file));
    }
  }
}

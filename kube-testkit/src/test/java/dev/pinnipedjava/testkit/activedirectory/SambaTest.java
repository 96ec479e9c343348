package dev.pinnipedjava.testkit.activedirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinnipedjava.testkit.loopback.MissingPartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SambaTest {
  private static final List<String> ALL =
      List.of("usr/sbin/samba", "usr/bin/samba-tool", "usr/share/samba/setup/ad-schema");

  @TempDir Path root;

  record Case(String name, List<String> present, boolean root, String wantMessage) {}

  static Stream<Case> cases() {
    return Stream.of(
        new Case("nothing installed", List.of(), true, "install the Debian package 'samba'"),
        new Case(
            "no samba-tool",
            ALL.subList(0, 1),
            true,
            "install the Debian package 'samba-common-bin'"),
        new Case(
            "no provisioning data",
            ALL.subList(0, 2),
            true,
            "install the Debian package 'samba-ad-provision'"),
        new Case("not root", ALL, false, "needs root"),
        new Case("everything, as root", ALL, true, ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void locateSaysWhatIsMissing(Case c) throws IOException {
    for (String file : c.present()) {
      Files.createDirectories(root.resolve(file).getParent());
      Files.createFile(root.resolve(file));
    }

    if (c.wantMessage().isEmpty()) {
      assertThat(Samba.locate(root, c.root()).samba()).isEqualTo(root.resolve("usr/sbin/samba"));
    } else {
      assertThatThrownBy(() -> Samba.locate(root, c.root()))
          .isInstanceOf(MissingPartException.class)
          .hasMessageContaining(c.wantMessage());
    }
  }
}

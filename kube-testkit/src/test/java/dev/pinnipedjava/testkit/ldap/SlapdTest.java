package dev.pinnipedjava.testkit.ldap;

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

class SlapdTest {
  @TempDir Path root;

  record Case(String name, List<String> present, String wantMissing) {}

  static Stream<Case> cases() {
    List<String> all =
        List.of(
            "usr/sbin/slapd",
            "usr/sbin/slapadd",
            "etc/ldap/schema/inetorgperson.ldif",
            "usr/lib/ldap/back_mdb.la");
    return Stream.of(
        new Case("nothing installed", List.of(), "usr/sbin/slapd"),
        new Case("no slapadd", all.subList(0, 1), "usr/sbin/slapadd"),
        new Case("no schemas", all.subList(0, 2), "etc/ldap/schema/inetorgperson.ldif"),
        new Case("no modules", all.subList(0, 3), "usr/lib/ldap/back_mdb.la"),
        new Case("everything", all, ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void locateNamesTheFirstMissingFileAndItsPackage(Case c) throws IOException {
    for (String file : c.present()) {
      Files.createDirectories(root.resolve(file).getParent());
      Files.createFile(root.resolve(file));
    }

    if (c.wantMissing().isEmpty()) {
      Slapd slapd = Slapd.locate(root);
      assertThat(slapd.slapd()).isEqualTo(root.resolve("usr/sbin/slapd"));
      assertThat(slapd.moduleDirectory()).isEqualTo(root.resolve("usr/lib/ldap"));
    } else {
      assertThatThrownBy(() -> Slapd.locate(root))
          .isInstanceOf(MissingPartException.class)
          .hasMessageContaining(root.resolve(c.wantMissing()).toString())
          .hasMessageContaining("install the Debian package 'slapd'")
          .hasMessageContaining("hack/test.sh");
    }
  }
}

package dev.pinnipedjava.supervisor.upstream.activedirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinnipedjava.supervisor.upstream.ldap.UnusableEntryException;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MicrosoftGuidTest {
  record Case(String name, String binaryHex, String want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "counting bytes",
            "0102030405060708090a0b0c0d0e0f10",
            "04030201-0605-0807-090a-0b0c0d0e0f10"),
        new Case(
            "mixed bytes",
            "bf08d4c64f3c8c4aa85eaf7ad8e3c5ab",
            "c6d408bf-3c4f-4a8c-a85e-af7ad8e3c5ab"),
        new Case("all zero", "00".repeat(16), "00000000-0000-0000-0000-000000000000"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersTheFirstThreeFieldsLittleEndian(Case test) {
    assertThat(MicrosoftGuid.render(HexFormat.of().parseHex(test.binaryHex())))
        .isEqualTo(test.want());
  }

  @Test
  void refusesValuesOfAnotherLength() {
    assertThatThrownBy(() -> MicrosoftGuid.render(new byte[15]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("15");
  }

  @Test
  void theDomainOfAGroupIsItsDomainComponents() throws UnusableEntryException {
    assertThat(ActiveDirectoryDialect.domain("CN=Admins,CN=Users,DC=pinniped,DC=test"))
        .isEqualTo("pinniped.test");
    assertThat(ActiveDirectoryDialect.domain("cn=x,ou=y,dc=Corp,dc=Example,dc=com"))
        .isEqualTo("Corp.Example.com");
    assertThatThrownBy(() -> ActiveDirectoryDialect.domain("CN=Admins,O=Example"))
        .isInstanceOf(UnusableEntryException.class)
        .hasMessageContaining("did not find domain components");
  }
}

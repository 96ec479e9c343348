package dev.pinnipedjava.supervisor.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.supervisor.storage.StorageSchema;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The directory and GitHub session records as the session documents store them. */
class UpstreamSessionDataJsonTest {
  private static final ObjectMapper JSON = StorageSchema.objectMapper();

  record Case(String name, UpstreamSessionData data, String wantType) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "LDAP",
            new LdapUpstreamSession(
                "uid=pinny,ou=users,dc=pinniped,dc=dev", "cGlubnk", "pinny@pinniped.dev", Map.of()),
            "ldap"),
        new Case(
            "Active Directory",
            new ActiveDirectoryUpstreamSession(
                "CN=pinny,CN=Users,DC=pinniped,DC=test",
                "04030201-0605-0807-090a-0b0c0d0e0f10",
                "pinny@pinniped.test",
                Map.of("pwdLastSet", "MTMzNDU2Nzg5")),
            "activedirectory"),
        new Case(
            "GitHub", new GitHubUpstreamSession("gho_MTMzNDU2Nzg5", "pinny", "1234"), "github"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void roundTripsWithItsTypeName(Case test) throws JsonProcessingException {
    String json = JSON.writeValueAsString(test.data());

    assertThat(JSON.readTree(json).path("type").asText()).isEqualTo(test.wantType());
    assertThat(JSON.readValue(json, UpstreamSessionData.class)).isEqualTo(test.data());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void toStringHidesTheUser(Case test) {
    assertThat(test.data().toString()).doesNotContain("pinny").doesNotContain("MTMz");
  }
}

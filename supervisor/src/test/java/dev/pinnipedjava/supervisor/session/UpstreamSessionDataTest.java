package dev.pinnipedjava.supervisor.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.supervisor.storage.StorageSchema;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of upstream session data as stored: its type name, a round trip, no secret printed. */
class UpstreamSessionDataTest {
  private static final ObjectMapper JSON = StorageSchema.objectMapper();

  /**
   * @param secrets what {@code toString()} must not show
   */
  record Case(String name, UpstreamSessionData data, String wantType, List<String> secrets) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "OIDC with a refresh token",
            new OidcUpstreamSession("oidc-refresh-token", null, "sub-1", "https://idp.example.com"),
            "oidc",
            List.of("oidc-refresh-token")),
        new Case(
            "GitHub",
            new GitHubUpstreamSession("gho_github-access-token", "octocat", "1234"),
            "github",
            List.of("gho_github-access-token", "octocat")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void storedUnderItsTypeAndReadBack(Case test) throws JsonProcessingException {
    String stored = JSON.writeValueAsString(test.data());

    assertThat(JSON.readTree(stored).path("type").asText()).isEqualTo(test.wantType());
    assertThat(JSON.readValue(stored, UpstreamSessionData.class)).isEqualTo(test.data());
    assertThat(test.data().toString()).doesNotContain(test.secrets());
  }
}

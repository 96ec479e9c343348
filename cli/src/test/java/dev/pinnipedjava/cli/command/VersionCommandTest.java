package dev.pinnipedjava.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.cli.testing.CliRun;
import dev.pinnipedjava.cli.testing.CliRun.Result;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class VersionCommandTest {

  /** Set by the build from the Maven project version. */
  private static final String PROJECT_VERSION =
      System.getProperty("pinniped.projectVersion", "unset");

  @Test
  void printsTheVersionTheBuildStamped() {
    Result result = new CliRun().run("version");

    assertThat(PROJECT_VERSION).as("the build passes the project version").isNotEqualTo("unset");
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo("v" + PROJECT_VERSION + "\n");
    assertThat(result.stderr()).isEmpty();
  }

  @Test
  void printsJson() throws IOException {
    Result result = new CliRun().run("version", "-o", "json");

    assertThat(result.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.stdout());
    assertThat(json.path("gitVersion").asText()).isEqualTo("v" + PROJECT_VERSION);
    assertThat(json.path("major").asText()).isEqualTo(PROJECT_VERSION.split("\\.")[0]);
    assertThat(json.path("minor").asText()).isEqualTo(PROJECT_VERSION.split("\\.")[1]);
    assertThat(json.path("buildDate").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(json.path("platform").asText()).contains("/");
    assertThat(result.stdout()).startsWith("{\n  \"major\": ");
  }

  @Test
  void printsYaml() {
    Result result = new CliRun().run("version", "--output=yaml");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout())
        .contains("gitVersion: v" + PROJECT_VERSION + "\n")
        .contains("major: \"");
  }

  @Test
  void rejectsOtherFormats() {
    Result result = new CliRun().run("version", "-o", "xml");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).isEqualTo("Error: 'xml' is not a valid option for output\n");
  }
}

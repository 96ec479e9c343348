package dev.pinnipedjava.supervisor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pinnipedjava.controller.podinfo.PodInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuditSettingsConfigTest {
  private static final PodInfo POD = new PodInfo("pinniped-supervisor", "pod-1", Map.of());

  record Case(String name, String yaml, AuditSettings want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("no audit section", "", AuditSettings.DEFAULT),
        new Case(
            "empty values",
            "audit: {logUsernamesAndGroups: '', logInternalPaths: ''}",
            AuditSettings.DEFAULT),
        new Case(
            "usernames enabled",
            "audit: {logUsernamesAndGroups: enabled}",
            new AuditSettings(true, false)),
        new Case(
            "internal paths enabled",
            "audit: {logInternalPaths: enabled}",
            new AuditSettings(false, true)),
        new Case(
            "both disabled",
            "audit: {logUsernamesAndGroups: disabled, logInternalPaths: disabled}",
            AuditSettings.DEFAULT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsTheAuditSection(Case c) throws InvalidConfigException {
    assertThat(ConfigFile.parse(c.yaml(), POD).audit()).isEqualTo(c.want());
  }

  @Test
  void rejectsValuesOtherThanEnabledOrDisabled() {
    assertThatThrownBy(() -> ConfigFile.parse("audit: {logUsernamesAndGroups: yes please}", POD))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("audit.logUsernamesAndGroups")
        .hasMessageContaining("\"enabled\" or \"disabled\"");
  }

  @Test
  void theDeployedConfigMapRedactsByDefault() throws Exception {
    Path configMap = Path.of("..", "deploy", "supervisor", "config.yaml");
    String pinnipedYaml =
        new ObjectMapper(new YAMLFactory())
            .readTree(Files.readString(configMap))
            .path("data")
            .path("pinniped.yaml")
            .asText();

    assertThat(pinnipedYaml).contains("logUsernamesAndGroups");
    assertThat(ConfigFile.parse(pinnipedYaml, POD).audit()).isEqualTo(AuditSettings.DEFAULT);
  }
}

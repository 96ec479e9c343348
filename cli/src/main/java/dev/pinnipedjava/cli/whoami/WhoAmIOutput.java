package dev.pinnipedjava.cli.whoami;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pinnipedjava.cli.kubejson.KubeJson;
import java.util.List;
import java.util.Locale;

/** The three renderings of a WhoAmIRequest answer. */
public enum WhoAmIOutput {
  TEXT,
  JSON,
  YAML;

  /**
   * Reads {@code text}, {@code json} or {@code yaml}.
   *
   * @throws IllegalArgumentException for anything else, with Pinniped's wording
   */
  public static WhoAmIOutput parse(String value) {
    return switch (value) {
      case "text" -> TEXT;
      case "json" -> JSON;
      case "yaml" -> YAML;
      default ->
          throw new IllegalArgumentException("unknown output format: \"%s\"".formatted(value));
    };
  }

  /**
   * Renders the answer.
   *
   * @param clusterName shown in text output ({@code ???} when unknown)
   * @param clusterUrl shown in text output ({@code ???} when unknown)
   * @param apiVersion the suffixed apiVersion written into JSON and YAML output
   */
  public String render(
      WhoAmIRequest answer, String clusterName, String clusterUrl, String apiVersion)
      throws JsonProcessingException {
    WhoAmIRequest typed = answer.withTypeMeta(apiVersion);
    return switch (this) {
      case TEXT -> text(typed, clusterName, clusterUrl);
      case JSON -> KubeJson.prettyJson().writeValueAsString(typed) + "\n";
      case YAML -> KubeJson.writeDisplayYaml(typed);
    };
  }

  private static String text(WhoAmIRequest answer, String clusterName, String clusterUrl) {
    List<String> groups = answer.user().groups() == null ? List.of() : answer.user().groups();
    return String.format(
        Locale.ROOT,
        "Current cluster info:\n\nName: %s\nURL: %s\n\nCurrent user info:\n\nUsername: %s\nGroups: %s\n",
        clusterName,
        clusterUrl,
        answer.user().username(),
        String.join(", ", groups));
  }
}

package dev.pinnipedjava.cli.getkubeconfig;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pinnipedjava.cli.kubejson.KubeJson;
import java.util.List;
import java.util.Map;

/**
 * The kubeconfig {@code get kubeconfig} writes ({@code v1 Config}): one cluster, one user whose
 * exec section runs this CLI, and one context joining them, made current.
 */
@JsonPropertyOrder({"apiVersion", "kind"})
record GeneratedKubeconfig(
    String apiVersion,
    String kind,
    List<NamedCluster> clusters,
    List<NamedContext> contexts,
    @JsonProperty("current-context") String currentContext,
    Map<String, Object> preferences,
    List<NamedUser> users) {

  static GeneratedKubeconfig of(Names names, Cluster cluster, Exec exec) {
    return new GeneratedKubeconfig(
        "v1",
        "Config",
        List.of(new NamedCluster(names.cluster(), cluster)),
        List.of(new NamedContext(names.context(), new Context(names.cluster(), names.user()))),
        names.context(),
        Map.of(),
        List.of(new NamedUser(names.user(), new User(exec))));
  }

  /** YAML with sorted keys, as client-go writes kubeconfigs. */
  String toYaml() {
    try {
      return KubeJson.writeDisplayYaml(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a kubeconfig always serializes", e);
    }
  }

  /** The cluster, user and context names: the current ones with the suffix appended. */
  record Names(String cluster, String user, String context) {}

  record NamedCluster(String name, Cluster cluster) {}

  /**
   * @param certificateAuthorityData base64 of the PEM bundle
   */
  record Cluster(
      String server, @JsonProperty("certificate-authority-data") String certificateAuthorityData) {}

  record NamedContext(String name, Context context) {}

  record Context(String cluster, String user) {}

  record NamedUser(String name, User user) {}

  record User(Exec exec) {}

  /** client-go's ExecConfig, without interactiveMode, as Pinniped leaves it. */
  record Exec(
      String apiVersion,
      List<String> args,
      String command,
      List<Map<String, String>> env,
      String installHint,
      boolean provideClusterInfo) {
    @Override
    public String toString() {
      return "Exec[command=%s]".formatted(command);
    }
  }
}

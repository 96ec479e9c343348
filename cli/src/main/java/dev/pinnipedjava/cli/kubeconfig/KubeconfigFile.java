package dev.pinnipedjava.cli.kubeconfig;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The parts of a kubeconfig file ({@code v1 Config}) the CLI reads. */
record KubeconfigFile(
    @JsonProperty("current-context") @Nullable String currentContext,
    List<NamedCluster> clusters,
    List<NamedContext> contexts,
    List<NamedUser> users) {

  KubeconfigFile {
    clusters = nonNull(clusters);
    contexts = nonNull(contexts);
    users = nonNull(users);
  }

  private static <T> List<T> nonNull(@Nullable List<T> list) {
    return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
  }

  record NamedCluster(@Nullable String name, @Nullable Cluster cluster) {}

  record Cluster(
      @Nullable String server,
      @JsonProperty("certificate-authority") @Nullable String certificateAuthority,
      @JsonProperty("certificate-authority-data") @Nullable String certificateAuthorityData,
      @JsonProperty("insecure-skip-tls-verify") boolean insecureSkipTlsVerify,
      @JsonProperty("tls-server-name") @Nullable String tlsServerName,
      @JsonProperty("proxy-url") @Nullable String proxyUrl) {}

  record NamedContext(@Nullable String name, @Nullable Context context) {}

  record Context(@Nullable String cluster, @Nullable String user, @Nullable String namespace) {}

  record NamedUser(@Nullable String name, @Nullable User user) {}

  record User(
      @Nullable String token,
      @Nullable String tokenFile,
      @JsonProperty("client-certificate") @Nullable String clientCertificate,
      @JsonProperty("client-certificate-data") @Nullable String clientCertificateData,
      @JsonProperty("client-key") @Nullable String clientKey,
      @JsonProperty("client-key-data") @Nullable String clientKeyData,
      @Nullable Exec exec) {

    @Override
    public String toString() {
      return "User[token=<redacted>, exec=%s]".formatted(exec);
    }
  }

  record Exec(
      @Nullable String command,
      @Nullable List<String> args,
      @Nullable List<EnvVar> env,
      @Nullable String apiVersion,
      @Nullable String installHint,
      boolean provideClusterInfo,
      @Nullable String interactiveMode) {}

  record EnvVar(@Nullable String name, @Nullable String value) {
    @Override
    public String toString() {
      return "EnvVar[name=%s]".formatted(name);
    }
  }
}

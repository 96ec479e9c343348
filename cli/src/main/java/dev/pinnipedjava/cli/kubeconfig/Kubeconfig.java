package dev.pinnipedjava.cli.kubeconfig;

import dev.pinnipedjava.cli.http.Pem;
import dev.pinnipedjava.cli.kubeconfig.ConnectionSettings.StaticCredentials;
import dev.pinnipedjava.cli.kubeconfig.ExecConfig.InteractiveMode;
import dev.pinnipedjava.cli.kubeconfig.KubeconfigFile.Cluster;
import dev.pinnipedjava.cli.kubeconfig.KubeconfigFile.Context;
import dev.pinnipedjava.cli.kubeconfig.KubeconfigFile.EnvVar;
import dev.pinnipedjava.cli.kubeconfig.KubeconfigFile.Exec;
import dev.pinnipedjava.cli.kubeconfig.KubeconfigFile.NamedCluster;
import dev.pinnipedjava.cli.kubeconfig.KubeconfigFile.NamedContext;
import dev.pinnipedjava.cli.kubeconfig.KubeconfigFile.NamedUser;
import dev.pinnipedjava.cli.kubeconfig.KubeconfigFile.User;
import dev.pinnipedjava.cli.kubejson.KubeJson;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One or more kubeconfig files merged as client-go merges them: for every cluster, context and user
 * name the first file that defines it wins, and the first non-empty current-context wins. Relative
 * file references are resolved against the directory of the file that holds them.
 */
public final class Kubeconfig {

  private final @Nullable String currentContext;
  private final Map<String, Located<Cluster>> clusters;
  private final Map<String, Context> contexts;
  private final Map<String, Located<User>> users;

  private Kubeconfig(
      @Nullable String currentContext,
      Map<String, Located<Cluster>> clusters,
      Map<String, Context> contexts,
      Map<String, Located<User>> users) {
    this.currentContext = currentContext;
    this.clusters = clusters;
    this.contexts = contexts;
    this.users = users;
  }

  /**
   * Loads the kubeconfig kubectl would use.
   *
   * @param explicitPath {@code --kubeconfig}; when non-empty it must exist
   * @param env for {@code KUBECONFIG} (a list separated by the path separator; missing files are
   *     skipped)
   * @param home for the default {@code ~/.kube/config}
   */
  public static Kubeconfig load(
      @Nullable String explicitPath, Function<String, Optional<String>> env, Path home)
      throws KubeconfigException {
    try {
      return loadFiles(explicitPath, env, home);
    } catch (InvalidPathException e) {
      throw new KubeconfigException("invalid path: " + e.getMessage(), e);
    }
  }

  private static Kubeconfig loadFiles(
      @Nullable String explicitPath, Function<String, Optional<String>> env, Path home)
      throws KubeconfigException {
    List<Path> files = new ArrayList<>();
    boolean mustExist;
    if (explicitPath != null && !explicitPath.isEmpty()) {
      files.add(Path.of(explicitPath));
      mustExist = true;
    } else {
      Optional<String> list = env.apply("KUBECONFIG").filter(s -> !s.isEmpty());
      if (list.isPresent()) {
        for (String entry : list.get().split(java.io.File.pathSeparator)) {
          if (!entry.isEmpty()) {
            files.add(Path.of(entry));
          }
        }
      } else {
        files.add(home.resolve(".kube").resolve("config"));
      }
      mustExist = false;
    }
    Builder builder = new Builder();
    for (Path file : files) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        if (mustExist) {
          throw new KubeconfigException("stat %s: no such file or directory".formatted(file), e);
        }
        continue;
      } catch (IOException e) {
        throw new KubeconfigException("could not read %s: %s".formatted(file, e), e);
      }
      builder.add(parse(file, bytes), directoryOf(file));
    }
    return builder.build();
  }

  /** Parses one kubeconfig text; relative paths in it are resolved against {@code directory}. */
  public static Kubeconfig parse(byte[] yaml, Path directory) throws KubeconfigException {
    Builder builder = new Builder();
    builder.add(parse(directory, yaml), directory);
    return builder.build();
  }

  private static KubeconfigFile parse(Path origin, byte[] bytes) throws KubeconfigException {
    try {
      KubeconfigFile file = KubeJson.yaml().readValue(bytes, KubeconfigFile.class);
      return file == null ? new KubeconfigFile(null, List.of(), List.of(), List.of()) : file;
    } catch (IOException e) {
      throw new KubeconfigException(
          "could not parse kubeconfig %s: %s".formatted(origin, e.getMessage()), e);
    }
  }

  private static Path directoryOf(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of(".").toAbsolutePath() : parent;
  }

  /** The context name in use: the override when given, else current-context. */
  public Optional<String> contextName(@Nullable String override) {
    if (override != null && !override.isEmpty()) {
      return Optional.of(override);
    }
    return Optional.ofNullable(currentContext).filter(s -> !s.isEmpty());
  }

  /** The user name the context names, if the context and its user exist. */
  public Optional<String> userOf(@Nullable String contextOverride) {
    return contextName(contextOverride)
        .map(contexts::get)
        .map(context -> context.user() == null ? "" : context.user())
        .filter(users::containsKey);
  }

  /** The cluster name and server URL of the context, if the context and its cluster exist. */
  public Optional<Map.Entry<String, String>> clusterOf(@Nullable String contextOverride) {
    return contextName(contextOverride)
        .map(contexts::get)
        .flatMap(
            context -> {
              String clusterName = context.cluster() == null ? "" : context.cluster();
              Located<Cluster> cluster = clusters.get(clusterName);
              return cluster == null
                  ? Optional.empty()
                  : Optional.of(
                      Map.entry(
                          clusterName,
                          cluster.value().server() == null ? "" : cluster.value().server()));
            });
  }

  /**
   * Everything needed to call the API server of the context.
   *
   * @throws KubeconfigException in client-go's words when the context, cluster or user is missing
   *     or unusable
   */
  public ConnectionSettings connection(@Nullable String contextOverride)
      throws KubeconfigException {
    String contextName =
        contextName(contextOverride)
            .orElseThrow(
                () ->
                    new KubeconfigException(
                        "invalid configuration: no configuration has been provided, try setting"
                            + " KUBERNETES_MASTER environment variable"));
    Context context = contexts.get(contextName);
    if (context == null) {
      throw new KubeconfigException("context was not found for specified context: " + contextName);
    }
    String clusterName = context.cluster() == null ? "" : context.cluster();
    Located<Cluster> located = clusters.get(clusterName);
    if (located == null) {
      throw new KubeconfigException(
          "cluster \"%s\" not found for context \"%s\"".formatted(clusterName, contextName));
    }
    Cluster cluster = located.value();
    if (cluster.server() == null || cluster.server().isEmpty()) {
      throw new KubeconfigException("no server found for cluster \"%s\"".formatted(clusterName));
    }
    if (cluster.insecureSkipTlsVerify()) {
      throw new KubeconfigException(
          "cluster \"%s\" sets insecure-skip-tls-verify, which pinniped-java does not support;"
                  .formatted(clusterName)
              + " give its CA in certificate-authority-data instead");
    }
    if (cluster.tlsServerName() != null && !cluster.tlsServerName().isEmpty()) {
      throw new KubeconfigException(
          "cluster \"%s\" sets tls-server-name, which pinniped-java does not support"
              .formatted(clusterName));
    }
    URI server;
    try {
      server = new URI(cluster.server());
    } catch (URISyntaxException e) {
      throw new KubeconfigException(
          "invalid server URL for cluster \"%s\": %s".formatted(clusterName, e.getMessage()), e);
    }
    byte[] caPem = caBundle(cluster, located.directory());
    List<X509Certificate> roots;
    try {
      roots = caPem == null ? List.of() : Pem.certificates(caPem);
    } catch (CertificateException e) {
      throw new KubeconfigException(
          "invalid CA data for cluster \"%s\": %s".formatted(clusterName, e.getMessage()), e);
    }
    String caBase64 = caPem == null ? null : Base64.getEncoder().encodeToString(caPem);

    String userName = context.user() == null ? "" : context.user();
    Located<User> user = users.get(userName);
    StaticCredentials credentials = null;
    ExecConfig exec = null;
    if (user != null) {
      credentials = staticCredentials(user.value(), user.directory());
      exec = execConfig(user.value().exec(), user.directory());
    }
    return new ConnectionSettings(
        contextName, clusterName, server, roots, caBase64, credentials, exec);
  }

  private static byte @Nullable [] caBundle(Cluster cluster, Path directory)
      throws KubeconfigException {
    if (cluster.certificateAuthorityData() != null
        && !cluster.certificateAuthorityData().isEmpty()) {
      return decode(cluster.certificateAuthorityData(), "certificate-authority-data");
    }
    if (cluster.certificateAuthority() != null && !cluster.certificateAuthority().isEmpty()) {
      return readFile(directory.resolve(cluster.certificateAuthority()));
    }
    return null;
  }

  private static @Nullable StaticCredentials staticCredentials(User user, Path directory)
      throws KubeconfigException {
    String token = user.token();
    if ((token == null || token.isEmpty())
        && user.tokenFile() != null
        && !user.tokenFile().isEmpty()) {
      token =
          new String(readFile(directory.resolve(user.tokenFile())), StandardCharsets.UTF_8).strip();
    }
    String certificate =
        pemOf(
            user.clientCertificateData(),
            user.clientCertificate(),
            directory,
            "client-certificate-data");
    String key = pemOf(user.clientKeyData(), user.clientKey(), directory, "client-key-data");
    if ((token == null || token.isEmpty()) && certificate == null) {
      return null;
    }
    return new StaticCredentials(token == null || token.isEmpty() ? null : token, certificate, key);
  }

  private static @Nullable String pemOf(
      @Nullable String data, @Nullable String file, Path directory, String field)
      throws KubeconfigException {
    if (data != null && !data.isEmpty()) {
      return new String(decode(data, field), StandardCharsets.US_ASCII);
    }
    if (file != null && !file.isEmpty()) {
      return new String(readFile(directory.resolve(file)), StandardCharsets.US_ASCII);
    }
    return null;
  }

  private static @Nullable ExecConfig execConfig(@Nullable Exec exec, Path directory)
      throws KubeconfigException {
    if (exec == null) {
      return null;
    }
    if (exec.command() == null || exec.command().isEmpty()) {
      throw new KubeconfigException("exec plugin: command must be specified");
    }
    if (exec.apiVersion() == null || exec.apiVersion().isEmpty()) {
      throw new KubeconfigException("exec plugin: apiVersion must be specified");
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar variable : exec.env() == null ? List.<EnvVar>of() : exec.env()) {
      if (variable != null && variable.name() != null) {
        env.put(variable.name(), variable.value() == null ? "" : variable.value());
      }
    }
    return new ExecConfig(
        exec.command(),
        exec.args() == null ? List.of() : exec.args(),
        env,
        exec.apiVersion(),
        exec.installHint(),
        exec.provideClusterInfo(),
        interactiveMode(exec.interactiveMode(), exec.apiVersion()),
        directory);
  }

  private static InteractiveMode interactiveMode(@Nullable String mode, String apiVersion)
      throws KubeconfigException {
    if (mode == null || mode.isEmpty()) {
      // client-go: v1 requires the field; older versions default to IfAvailable.
      if (apiVersion.endsWith("/v1")) {
        throw new KubeconfigException(
            "exec plugin: interactiveMode must be specified for " + apiVersion);
      }
      return InteractiveMode.IF_AVAILABLE;
    }
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "never" -> InteractiveMode.NEVER;
      case "ifavailable" -> InteractiveMode.IF_AVAILABLE;
      case "always" -> InteractiveMode.ALWAYS;
      default -> throw new KubeconfigException("exec plugin: invalid interactiveMode: " + mode);
    };
  }

  private static byte[] decode(String base64, String field) throws KubeconfigException {
    try {
      return Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new KubeconfigException("invalid %s: %s".formatted(field, e.getMessage()), e);
    }
  }

  private static byte[] readFile(Path file) throws KubeconfigException {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KubeconfigException("could not read %s: %s".formatted(file, e), e);
    }
  }

  private record Located<T>(T value, Path directory) {}

  private static final class Builder {
    private @Nullable String currentContext;
    private final Map<String, Located<Cluster>> clusters = new LinkedHashMap<>();
    private final Map<String, Context> contexts = new LinkedHashMap<>();
    private final Map<String, Located<User>> users = new LinkedHashMap<>();

    void add(KubeconfigFile file, Path directory) {
      if ((currentContext == null || currentContext.isEmpty()) && file.currentContext() != null) {
        currentContext = file.currentContext();
      }
      for (NamedCluster cluster : file.clusters()) {
        if (cluster.name() != null && cluster.cluster() != null) {
          clusters.putIfAbsent(cluster.name(), new Located<>(cluster.cluster(), directory));
        }
      }
      for (NamedContext context : file.contexts()) {
        if (context.name() != null && context.context() != null) {
          contexts.putIfAbsent(context.name(), context.context());
        }
      }
      for (NamedUser user : file.users()) {
        if (user.name() != null && user.user() != null) {
          users.putIfAbsent(user.name(), new Located<>(user.user(), directory));
        }
      }
    }

    Kubeconfig build() {
      return new Kubeconfig(
          currentContext, Map.copyOf(clusters), Map.copyOf(contexts), Map.copyOf(users));
    }
  }
}

package dev.pinnipedjava.cli.kubeconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pinnipedjava.cli.execcredential.ExecCredentialStatus;
import dev.pinnipedjava.cli.kubeconfig.ExecConfig.InteractiveMode;
import dev.pinnipedjava.cli.kubejson.KubeJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Runs a kubeconfig's credential plugin as client-go does: {@code KUBERNETES_EXEC_INFO} in its
 * environment, the user's terminal on its stdin only when interactive, its stderr passed through,
 * and an ExecCredential of the configured version expected on its stdout.
 */
public final class ExecPluginRunner {

  private final PrintStream stderr;
  private final boolean stdinIsTerminal;

  /**
   * @param stderr where the plugin's stderr goes (prompts and messages)
   * @param stdinIsTerminal whether a person can answer the plugin's prompts
   */
  public ExecPluginRunner(PrintStream stderr, boolean stdinIsTerminal) {
    this.stderr = stderr;
    this.stdinIsTerminal = stdinIsTerminal;
  }

  /**
   * Runs the plugin of the connection and returns the credential it printed.
   *
   * @throws KubeconfigException when the plugin cannot run, fails, or prints no credential
   */
  public ExecCredentialStatus run(ExecConfig exec, ConnectionSettings connection)
      throws KubeconfigException {
    boolean interactive = exec.interactiveMode() != InteractiveMode.NEVER && stdinIsTerminal;
    if (exec.interactiveMode() == InteractiveMode.ALWAYS && !stdinIsTerminal) {
      throw new KubeconfigException(
          "exec plugin cannot support interactive mode: standard input is not a terminal");
    }
    List<String> command = new ArrayList<>();
    command.add(resolveCommand(exec));
    command.addAll(exec.args());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(exec.env());
    builder.environment().put("KUBERNETES_EXEC_INFO", execInfo(exec, connection, interactive));
    builder.redirectInput(
        interactive ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      String hint = exec.installHint() == null ? "" : "\n\n" + exec.installHint();
      throw new KubeconfigException(
          "exec: executable %s not found%s".formatted(exec.command(), hint), e);
    }
    byte[] stdout;
    int exitCode;
    Thread errorPump = pump(process.getErrorStream(), stderr);
    try {
      if (!interactive) {
        process.getOutputStream().close();
      }
      stdout = process.getInputStream().readAllBytes();
      exitCode = process.waitFor();
      errorPump.join();
    } catch (IOException e) {
      process.destroyForcibly();
      throw new KubeconfigException("exec: could not read the output of " + exec.command(), e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new KubeconfigException("exec: interrupted while running " + exec.command(), e);
    }
    if (exitCode != 0) {
      throw new KubeconfigException(
          "exec: executable %s failed with exit code %d".formatted(exec.command(), exitCode));
    }
    return parse(exec, stdout);
  }

  private static String resolveCommand(ExecConfig exec) {
    Path command = Path.of(exec.command());
    // Like client-go: a relative path with a directory part is relative to the kubeconfig.
    if (!command.isAbsolute() && command.getNameCount() > 1) {
      return exec.kubeconfigDirectory().resolve(command).toString();
    }
    return exec.command();
  }

  private static String execInfo(
      ExecConfig exec, ConnectionSettings connection, boolean interactive)
      throws KubeconfigException {
    ExecInfoCluster cluster =
        exec.provideClusterInfo()
            ? new ExecInfoCluster(
                connection.server().toString(), connection.certificateAuthorityData())
            : null;
    try {
      return KubeJson.json()
          .writeValueAsString(
              new ExecInfoCredential(
                  "ExecCredential", exec.apiVersion(), new ExecInfoSpec(cluster, interactive)));
    } catch (JsonProcessingException e) {
      throw new KubeconfigException("exec: could not encode KUBERNETES_EXEC_INFO", e);
    }
  }

  private static ExecCredentialStatus parse(ExecConfig exec, byte[] stdout)
      throws KubeconfigException {
    PluginOutput output;
    try {
      output = KubeJson.json().readValue(stdout, PluginOutput.class);
    } catch (IOException e) {
      throw new KubeconfigException(
          "exec plugin: decoding stdout: "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
          e);
    }
    if (output == null || !exec.apiVersion().equals(output.apiVersion())) {
      throw new KubeconfigException(
          "exec plugin is configured to use API version %s, plugin returned version %s"
              .formatted(exec.apiVersion(), output == null ? null : output.apiVersion()));
    }
    ExecCredentialStatus status = output.status();
    if (status == null) {
      throw new KubeconfigException("exec plugin didn't return a status field");
    }
    boolean hasCertificate = nonEmpty(status.clientCertificateData());
    if (hasCertificate != nonEmpty(status.clientKeyData())) {
      throw new KubeconfigException("exec plugin returned only certificate or key, not both");
    }
    if (!nonEmpty(status.token()) && !hasCertificate) {
      throw new KubeconfigException("exec plugin didn't return a token or cert/key pair");
    }
    return status;
  }

  private static boolean nonEmpty(@Nullable String value) {
    return value != null && !value.isEmpty();
  }

  private static Thread pump(InputStream from, OutputStream to) {
    Thread thread =
        new Thread(
            () -> {
              try {
                from.transferTo(to);
                to.flush();
              } catch (IOException e) {
                // The plugin's messages are best effort; its exit code tells success.
              }
            },
            "exec-plugin-stderr");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  record PluginOutput(@Nullable String apiVersion, @Nullable ExecCredentialStatus status) {}

  @JsonPropertyOrder({"kind", "apiVersion", "spec"})
  record ExecInfoCredential(String kind, String apiVersion, ExecInfoSpec spec) {}

  @JsonPropertyOrder({"cluster", "interactive"})
  record ExecInfoSpec(@Nullable ExecInfoCluster cluster, boolean interactive) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ExecInfoCluster(
      String server,
      @JsonProperty("certificate-authority-data") @Nullable String certificateAuthorityData) {}
}

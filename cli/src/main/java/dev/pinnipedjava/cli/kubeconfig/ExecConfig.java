package dev.pinnipedjava.cli.kubeconfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A credential plugin named in the kubeconfig's {@code users[].user.exec}.
 *
 * @param command the program; resolved against the kubeconfig's directory when it is a relative
 *     path with a directory part, else looked up on PATH
 * @param apiVersion the ExecCredential version to send and expect back
 * @param interactiveMode Never, IfAvailable or Always
 */
public record ExecConfig(
    String command,
    List<String> args,
    Map<String, String> env,
    String apiVersion,
    @Nullable String installHint,
    boolean provideClusterInfo,
    InteractiveMode interactiveMode,
    Path kubeconfigDirectory) {

  public ExecConfig {
    args = List.copyOf(args);
    env = Map.copyOf(env);
  }

  @Override
  public String toString() {
    return "ExecConfig[command=%s, apiVersion=%s]".formatted(command, apiVersion);
  }

  /** When the plugin may read from the user's terminal. */
  public enum InteractiveMode {
    NEVER,
    IF_AVAILABLE,
    ALWAYS
  }
}

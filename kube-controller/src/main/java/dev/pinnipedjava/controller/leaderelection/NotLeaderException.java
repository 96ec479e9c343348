package dev.pinnipedjava.controller.leaderelection;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** A write to the Kubernetes API refused before it was sent, because this replica does not lead. */
public final class NotLeaderException extends KubernetesClientException {
  private static final long serialVersionUID = 1L;

  public NotLeaderException(String method, String path) {
    super("not the leader: " + method + " " + path + " is left to the leading replica");
  }

  /** Whether {@code failure} or one of its causes is a refused write. */
  public static boolean isCause(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof NotLeaderException) {
        return true;
      }
      if (cause.getCause() == cause) {
        return false;
      }
    }
    return false;
  }
}

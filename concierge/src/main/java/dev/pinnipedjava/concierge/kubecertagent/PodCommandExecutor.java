package dev.pinnipedjava.concierge.kubecertagent;

/** Runs a command in a pod's container through the API server ({@code pods/exec}). */
@FunctionalInterface
public interface PodCommandExecutor {
  /**
   * The command's standard output once it ended successfully.
   *
   * @throws PodCommandException when it could not run or did not succeed
   */
  String exec(String namespace, String pod, String container, String... command)
      throws PodCommandException;

  /** Why a command did not give its output. */
  final class PodCommandException extends Exception {
    private static final long serialVersionUID = 1L;

    public PodCommandException(String message) {
      super(message);
    }

    public PodCommandException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

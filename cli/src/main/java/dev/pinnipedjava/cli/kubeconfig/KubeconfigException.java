package dev.pinnipedjava.cli.kubeconfig;

/** The kubeconfig cannot be read, or its selected context cannot be used; the message says why. */
public final class KubeconfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public KubeconfigException(String message) {
    super(message);
  }

  public KubeconfigException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.pinnipedjava.cli.getkubeconfig;

/** The kubeconfig could not be made; the message says why. */
public final class GetKubeconfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public GetKubeconfigException(String message) {
    super(message);
  }

  public GetKubeconfigException(String message, Throwable cause) {
    super(message, cause);
  }
}

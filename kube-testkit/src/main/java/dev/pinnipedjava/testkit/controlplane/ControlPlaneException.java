package dev.pinnipedjava.testkit.controlplane;

/**
 * The control plane could not be located, started, reached or stopped; the message says where to
 * look.
 */
public final class ControlPlaneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ControlPlaneException(String message) {
    super(message);
  }

  public ControlPlaneException(String message, Throwable cause) {
    super(message, cause);
  }
}

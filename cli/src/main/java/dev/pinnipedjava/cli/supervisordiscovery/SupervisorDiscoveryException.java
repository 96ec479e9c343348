package dev.pinnipedjava.cli.supervisordiscovery;

/** The issuer could not be asked, or its identity providers do not fit the choice. */
public final class SupervisorDiscoveryException extends Exception {
  private static final long serialVersionUID = 1L;

  public SupervisorDiscoveryException(String message) {
    super(message);
  }

  public SupervisorDiscoveryException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.pinnipedjava.cli.conciergediscovery;

/** The cluster does not say, or does not say unambiguously, how to use its Concierge. */
public final class ConciergeDiscoveryException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConciergeDiscoveryException(String message) {
    super(message);
  }

  public ConciergeDiscoveryException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.pinnipedjava.supervisor.upstream;

/**
 * The upstream provider could not be asked: unreachable, or answered with something unusable. Not a
 * rejection of the user (that is a result value). The message is for logs, never for users: it may
 * quote the provider.
 */
public final class UpstreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UpstreamException(String message) {
    super(message);
  }

  public UpstreamException(String message, Throwable cause) {
    super(message, cause);
  }
}

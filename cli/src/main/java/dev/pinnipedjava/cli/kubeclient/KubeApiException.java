package dev.pinnipedjava.cli.kubeclient;

import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes API call failed: the server answered with an error (then {@link #statusCode()} is
 * set), or no answer came. The message is safe to show to the user.
 */
public final class KubeApiException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final @Nullable String auditId;

  KubeApiException(String message, int statusCode, @Nullable String auditId) {
    super(message);
    this.statusCode = statusCode;
    this.auditId = auditId;
  }

  public KubeApiException(String message, Throwable cause) {
    super(message, cause);
    this.statusCode = 0;
    this.auditId = null;
  }

  /** The HTTP status, or 0 when the request got no answer. */
  public int statusCode() {
    return statusCode;
  }

  public boolean isNotFound() {
    return statusCode == 404;
  }

  /** The server's {@code Audit-Id} header, which an administrator can find in the audit log. */
  public @Nullable String auditId() {
    return auditId;
  }
}

package dev.pinnipedjava.supervisor.oauth;

import com.nimbusds.oauth2.sdk.ErrorObject;
import org.jspecify.annotations.Nullable;

/**
 * A protocol error (RFC 6749 sections 4.1.2.1 and 5.2) on its way to the one renderer, {@link
 * OAuthResponses}. Its description is shown to the client: it never holds a credential or an
 * upstream's words.
 */
public final class OAuthErrorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ErrorObject error;
  private final transient @Nullable AuthorizeTarget target;

  /** An error to answer directly (token endpoint) or on an error page (front channel). */
  public OAuthErrorException(ErrorObject error) {
    this(error, null);
  }

  /**
   * An error of an authorization request whose client and redirect URI are valid: it goes back to
   * the client there.
   */
  public OAuthErrorException(ErrorObject error, @Nullable AuthorizeTarget target) {
    super(error.getCode() + ": " + error.getDescription(), null, false, false);
    this.error = error;
    this.target = target;
  }

  public ErrorObject error() {
    return error;
  }

  /** Where the error goes back to the client, when it may. */
  public @Nullable AuthorizeTarget target() {
    return target;
  }
}

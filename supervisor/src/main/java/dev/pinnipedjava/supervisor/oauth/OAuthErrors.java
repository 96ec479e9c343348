package dev.pinnipedjava.supervisor.oauth;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.openid.connect.sdk.OIDCError;

/**
 * The protocol errors the Supervisor returns, with their HTTP statuses, as fosite and Pinniped
 * return them. Descriptions are fixed texts or name a parameter, never echo a value.
 */
public final class OAuthErrors {
  private OAuthErrors() {}

  public static ErrorObject invalidRequest(String description) {
    return OAuth2Error.INVALID_REQUEST.setDescription(description).setHTTPStatusCode(400);
  }

  public static ErrorObject invalidClient(String description) {
    return OAuth2Error.INVALID_CLIENT.setDescription(description).setHTTPStatusCode(401);
  }

  public static ErrorObject invalidGrant(String description) {
    return OAuth2Error.INVALID_GRANT.setDescription(description).setHTTPStatusCode(400);
  }

  public static ErrorObject unauthorizedClient(String description) {
    return OAuth2Error.UNAUTHORIZED_CLIENT.setDescription(description).setHTTPStatusCode(400);
  }

  public static ErrorObject unsupportedGrantType(String description) {
    return OAuth2Error.UNSUPPORTED_GRANT_TYPE.setDescription(description).setHTTPStatusCode(400);
  }

  public static ErrorObject unsupportedResponseType(String description) {
    return OAuth2Error.UNSUPPORTED_RESPONSE_TYPE.setDescription(description).setHTTPStatusCode(400);
  }

  /** fosite's {@code unsupported_response_mode}. */
  public static ErrorObject unsupportedResponseMode(String description) {
    return new ErrorObject("unsupported_response_mode", description, 400);
  }

  public static ErrorObject invalidScope(String description) {
    return OAuth2Error.INVALID_SCOPE.setDescription(description).setHTTPStatusCode(400);
  }

  /** fosite's {@code invalid_state}: the state is missing or too short. */
  public static ErrorObject invalidState() {
    return new ErrorObject(
        "invalid_state",
        "The state is missing or does not have enough characters and is therefore considered too"
            + " weak.",
        400);
  }

  public static ErrorObject accessDenied(String description) {
    return OAuth2Error.ACCESS_DENIED.setDescription(description).setHTTPStatusCode(403);
  }

  public static ErrorObject loginRequired(String description) {
    return OIDCError.LOGIN_REQUIRED.setDescription(description).setHTTPStatusCode(400);
  }

  public static ErrorObject serverError(String description) {
    return OAuth2Error.SERVER_ERROR.setDescription(description).setHTTPStatusCode(500);
  }

  public static ErrorObject temporarilyUnavailable(String description) {
    return OAuth2Error.TEMPORARILY_UNAVAILABLE.setDescription(description).setHTTPStatusCode(503);
  }

  /**
   * Pinniped's refusal of a refresh whose upstream revalidation failed: error code {@code error},
   * status 401, so that the CLI starts a new login.
   */
  public static ErrorObject upstreamRefreshFailed() {
    return new ErrorObject("error", "Error during upstream refresh.", 401);
  }

  /** {@link #upstreamRefreshFailed()} with fosite's hint after the description. */
  public static ErrorObject upstreamRefreshFailed(String hint) {
    return new ErrorObject("error", "Error during upstream refresh. " + hint, 401);
  }
}

package dev.pinnipedjava.supervisor.oauth.state;

/**
 * The state parameter of an upstream authorization request (Pinniped's {@code
 * UpstreamStateParamData}), with Pinniped's field names on the wire.
 *
 * @param authParams the downstream authorization request's parameters, form-encoded
 * @param upstreamName the display name of the identity provider chosen
 * @param upstreamType its type, as identity provider discovery names it
 * @param nonce the nonce sent upstream
 * @param csrfToken must equal the CSRF cookie's value at the callback
 * @param codeVerifier the PKCE verifier whose challenge was sent upstream
 * @param formatVersion {@value #FORMAT_VERSION}; any other is refused
 */
public record UpstreamState(
    String authParams,
    String upstreamName,
    String upstreamType,
    String nonce,
    String csrfToken,
    String codeVerifier,
    String formatVersion) {
  /** Pinniped's state format version. */
  public static final String FORMAT_VERSION = "2";

  @Override
  public String toString() {
    return "UpstreamState[upstreamName=" + upstreamName + ", v=" + formatVersion + "]";
  }
}

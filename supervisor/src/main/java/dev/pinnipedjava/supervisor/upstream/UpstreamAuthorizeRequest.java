package dev.pinnipedjava.supervisor.upstream;

import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.net.URI;

/**
 * What a browser login sends to the upstream provider's authorization endpoint.
 *
 * @param state the encoded upstream state parameter, returned to {@code redirectUri} unchanged
 * @param nonce binds the upstream ID token to this login
 * @param codeVerifier the PKCE verifier; its S256 challenge goes upstream
 * @param redirectUri the issuer's {@code /callback}
 * @param loginPage the issuer's {@code /login} form, where providers that take a username and
 *     password send the browser (with {@code state}) instead of to another server
 */
public record UpstreamAuthorizeRequest(
    String state, Nonce nonce, CodeVerifier codeVerifier, URI redirectUri, URI loginPage) {
  @Override
  public String toString() {
    return "UpstreamAuthorizeRequest[redirectUri=" + redirectUri + "]";
  }
}

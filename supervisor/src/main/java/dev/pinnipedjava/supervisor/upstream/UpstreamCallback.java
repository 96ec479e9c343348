package dev.pinnipedjava.supervisor.upstream;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.net.URI;

/**
 * What the upstream provider sent back to {@code /callback}, with what the login remembered.
 *
 * @param code the upstream authorization code
 * @param codeVerifier the PKCE verifier sent (as its challenge) in the authorize redirect
 * @param nonce the nonce sent in the authorize redirect
 * @param redirectUri the redirect URI sent in the authorize redirect
 */
public record UpstreamCallback(
    AuthorizationCode code, CodeVerifier codeVerifier, Nonce nonce, URI redirectUri) {
  @Override
  public String toString() {
    return "UpstreamCallback[redirectUri=" + redirectUri + "]";
  }
}

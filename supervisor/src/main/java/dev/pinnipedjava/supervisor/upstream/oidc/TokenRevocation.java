package dev.pinnipedjava.supervisor.upstream.oidc;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.Token;
import dev.pinnipedjava.supervisor.upstream.RevocationResult;
import dev.pinnipedjava.supervisor.upstream.UpstreamException;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * RFC 7009 token revocation at an upstream provider, as Pinniped does it: client credentials in the
 * form first, then, when the provider answers {@code invalid_client}, in HTTP Basic. No answer and
 * 5xx answers are worth retrying later; other refusals are final.
 */
final class TokenRevocation {
  private final URI endpoint;
  private final ClientID clientId;
  private final Secret clientSecret;
  private final UpstreamHttp http;

  TokenRevocation(URI endpoint, ClientID clientId, Secret clientSecret, UpstreamHttp http) {
    this.endpoint = endpoint;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.http = http;
  }

  /** Revokes one token; null on success, else why not. */
  RevocationResult.@Nullable Failed revoke(Token token) {
    Attempt first = attempt(token, new ClientSecretPost(clientId, clientSecret));
    if (first.tryBasicAuth()) {
      return attempt(token, new ClientSecretBasic(clientId, clientSecret)).failure();
    }
    return first.failure();
  }

  private record Attempt(RevocationResult.@Nullable Failed failure, boolean tryBasicAuth) {}

  private Attempt attempt(Token token, ClientAuthentication authentication) {
    HTTPResponse response;
    try {
      response =
          http.send(
              new TokenRevocationRequest(endpoint, authentication, token).toHTTPRequest(),
              "token revocation");
    } catch (UpstreamException e) {
      return new Attempt(new RevocationResult.Failed(String.valueOf(e.getMessage()), true), false);
    }
    int status = response.getStatusCode();
    if (status == 200) {
      return new Attempt(null, false);
    }
    if (status >= 500 && status <= 599) {
      return new Attempt(
          new RevocationResult.Failed("server responded with status " + status, true), false);
    }
    if (status != 400) {
      return new Attempt(
          new RevocationResult.Failed("server responded with status " + status, false), false);
    }
    String error;
    try {
      error = String.valueOf(response.getBodyAsJSONObject().get("error"));
    } catch (ParseException e) {
      return new Attempt(
          new RevocationResult.Failed(
              "error parsing the body of a response with status 400: " + e.getMessage(), false),
          false);
    }
    return new Attempt(
        new RevocationResult.Failed("server responded with status 400 and error " + error, false),
        "invalid_client".equals(error));
  }
}

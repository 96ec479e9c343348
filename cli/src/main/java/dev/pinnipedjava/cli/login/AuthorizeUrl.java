package dev.pinnipedjava.cli.login;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The authorization request URL of a login, its parameters sorted as Go's url.Values encodes. */
final class AuthorizeUrl {

  private AuthorizeUrl() {}

  /**
   * @param extra the login's further parameters (PKCE, nonce, identity provider, response mode)
   */
  static URI of(
      LoginOptions options,
      LoginSecrets secrets,
      URI authorizationEndpoint,
      String redirectUri,
      Map<String, String> extra) {
    Map<String, String> params = new TreeMap<>(extra);
    params.put("client_id", options.clientId());
    params.put("redirect_uri", redirectUri);
    params.put("response_type", "code");
    params.put("scope", String.join(" ", options.scopes()));
    params.put("state", secrets.state());
    String query =
        params.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    String separator = authorizationEndpoint.getRawQuery() == null ? "?" : "&";
    return URI.create(authorizationEndpoint + separator + query);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

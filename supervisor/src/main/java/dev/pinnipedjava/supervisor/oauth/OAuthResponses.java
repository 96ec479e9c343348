package dev.pinnipedjava.supervisor.oauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.ErrorObject;
import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;
import dev.pinnipedjava.supervisor.endpoint.FormEncoding;
import dev.pinnipedjava.supervisor.page.ErrorPage;
import dev.pinnipedjava.supervisor.page.FormPostPage;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place protocol responses are written: authorization responses and errors as a redirect
 * (RFC 6749 section 4.1.2, with RFC 9207's {@code iss}) or a form_post page, errors that cannot go
 * back to the client as an error page, and token endpoint responses and errors as JSON (RFC 6749
 * section 5).
 */
public final class OAuthResponses {
  /** fosite's redirect status for authorization responses. */
  public static final int SEE_OTHER = 303;

  private final ObjectMapper json;

  public OAuthResponses(ObjectMapper json) {
    this.json = json;
  }

  /** An authorization code for the client. */
  public EndpointResponse authorizationCode(
      AuthorizeTarget target, String code, List<String> grantedScopes, int redirectStatus) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    parameters.put("code", List.of(code));
    parameters.put("scope", List.of(String.join(" ", grantedScopes)));
    return toClient(target, parameters, redirectStatus);
  }

  /** An error of the front channel: back to the client when it may go there, else a page. */
  public EndpointResponse frontChannelError(OAuthErrorException error) {
    AuthorizeTarget target = error.target();
    if (target == null) {
      return ErrorPage.render(error.error());
    }
    return frontChannelError(target, error.error(), SEE_OTHER);
  }

  public EndpointResponse frontChannelError(
      AuthorizeTarget target, ErrorObject error, int redirectStatus) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    parameters.put("error", List.of(error.getCode()));
    if (error.getDescription() != null) {
      parameters.put("error_description", List.of(error.getDescription()));
    }
    return toClient(target, parameters, redirectStatus);
  }

  private static EndpointResponse toClient(
      AuthorizeTarget target, Map<String, List<String>> parameters, int redirectStatus) {
    if (target.state() != null) {
      parameters.put("state", List.of(target.state()));
    }
    parameters.put("iss", List.of(target.issuer()));
    if (target.responseMode() == AuthorizeTarget.ResponseMode.FORM_POST) {
      return FormPostPage.render(target.redirectUri(), parameters);
    }
    return EndpointResponse.redirect(redirectStatus, withQuery(target.redirectUri(), parameters));
  }

  /** {@code uri} with {@code parameters} added to its query. */
  public static String withQuery(URI uri, Map<String, List<String>> parameters) {
    String base = uri.toString();
    int fragment = base.indexOf('#');
    if (fragment >= 0) {
      base = base.substring(0, fragment);
    }
    String encoded = FormEncoding.encode(parameters);
    if (encoded.isEmpty()) {
      return base;
    }
    return base + (uri.getRawQuery() == null ? "?" : "&") + encoded;
  }

  /** A token endpoint error, RFC 6749 section 5.2. */
  public EndpointResponse tokenError(ErrorObject error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error.getCode());
    if (error.getDescription() != null) {
      body.put("error_description", error.getDescription());
    }
    int status = error.getHTTPStatusCode() > 0 ? error.getHTTPStatusCode() : 400;
    return json(status, body);
  }

  /** A JSON response of the token endpoint. */
  public EndpointResponse json(int status, Map<String, Object> body) {
    try {
      return EndpointResponse.json(status, json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a token response", e);
    }
  }
}

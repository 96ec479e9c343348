package dev.pinnipedjava.supervisor.endpoint.chooseidp;

import com.nimbusds.oauth2.sdk.ErrorObject;
import dev.pinnipedjava.api.supervisor.oidc.AuthorizeExtensions;
import dev.pinnipedjava.api.supervisor.oidc.EndpointPaths;
import dev.pinnipedjava.supervisor.endpoint.Endpoint;
import dev.pinnipedjava.supervisor.endpoint.EndpointRequest;
import dev.pinnipedjava.supervisor.endpoint.EndpointResponse;
import dev.pinnipedjava.supervisor.endpoint.EndpointServices;
import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import dev.pinnipedjava.supervisor.oauth.AuthorizeRequest;
import dev.pinnipedjava.supervisor.oauth.OAuthErrorException;
import dev.pinnipedjava.supervisor.oauth.OAuthResponses;
import dev.pinnipedjava.supervisor.page.ErrorPage;
import dev.pinnipedjava.supervisor.page.Html;
import dev.pinnipedjava.supervisor.upstream.ResolvedIdentityProvider;
import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /choose_identity_provider} of one issuer (Pinniped's {@code chooseidp}): for a valid
 * authorization request, a page with a link per ready identity provider, sorted by display name, to
 * the same request with {@code pinniped_idp_name} set. Plain links: no script needed.
 */
public final class ChooseIdentityProviderEndpoint implements Endpoint {
  private static final String STYLE =
      "body{font-family:sans-serif;margin:2em}ul{list-style:none;padding:0}"
          + "li{margin:0.5em 0}a{display:inline-block;padding:0.5em 1em;border:1px solid #888;"
          + "border-radius:4px;text-decoration:none}";

  /** Its own style, and a data: favicon. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src "
          + Html.cspHash(STYLE)
          + "; img-src data:; frame-ancestors 'none'";

  private final FederationDomainIssuer issuer;
  private final EndpointServices services;

  public ChooseIdentityProviderEndpoint(FederationDomainIssuer issuer, EndpointServices services) {
    this.issuer = issuer;
    this.services = services;
  }

  @Override
  public EndpointResponse handle(EndpointRequest request) {
    if (!"GET".equals(request.method())) {
      return ErrorPage.render(
          new ErrorObject("invalid_request", request.method() + " (try GET)", 405));
    }
    for (String required : List.of("client_id", "redirect_uri", "scope", "response_type")) {
      if (!request.query().containsKey(required)) {
        return ErrorPage.render(
            new ErrorObject("invalid_request", "missing required query param: " + required, 400));
      }
    }
    AuthorizeRequest authorize;
    try {
      authorize = services.authorizeRequests().parse(request.query(), issuer.issuer());
    } catch (OAuthErrorException e) {
      return services.responses().frontChannelError(e);
    }
    List<ResolvedIdentityProvider> providers =
        services.upstreams().resolveAll(issuer).stream()
            .sorted(Comparator.comparing(ResolvedIdentityProvider::displayName))
            .toList();
    if (providers.isEmpty()) {
      return ErrorPage.render(
          new ErrorObject(
              "server_error", "please configure identity providers for this issuer", 500));
    }
    StringBuilder items = new StringBuilder();
    URI authorizeEndpoint = URI.create(issuer.issuer() + EndpointPaths.AUTHORIZE);
    for (ResolvedIdentityProvider provider : providers) {
      Map<String, List<String>> parameters =
          new LinkedHashMap<>(authorize.parametersWithoutIdpChoice());
      parameters.put(AuthorizeExtensions.IDP_NAME_PARAM, List.of(provider.displayName()));
      items
          .append("<li><a href=\"")
          .append(Html.escape(OAuthResponses.withQuery(authorizeEndpoint, parameters)))
          .append("\">")
          .append(Html.escape(provider.displayName()))
          .append("</a></li>\n");
    }
    String page =
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="UTF-8">
        <title>Pinniped</title>
        <link rel="icon" href="data:,">
        <style>%s</style>
        </head>
        <body>
        <h1>Choose an identity provider</h1>
        <p>Log in with:</p>
        <ul>
        %s</ul>
        </body>
        </html>
        """
            .formatted(STYLE, items);
    return EndpointResponse.html(200, page, CONTENT_SECURITY_POLICY);
  }
}

package dev.pinnipedjava.supervisor.oauth;

import dev.pinnipedjava.api.supervisor.oidc.AuthorizeExtensions;
import dev.pinnipedjava.api.supervisor.oidc.ClientIds;
import dev.pinnipedjava.api.supervisor.oidc.OidcScopes;
import dev.pinnipedjava.supervisor.endpoint.FormEncoding;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A valid downstream authorization request (RFC 6749 section 4.1.1 with PKCE, RFC 7636), parsed by
 * {@link AuthorizeRequestParser}.
 *
 * @param parameters every parameter as sent, to carry through the upstream state and rebuild the
 *     request at the callback
 * @param requestedScopes the scopes asked for, in order, without duplicates
 * @param codeChallenge the S256 PKCE challenge
 * @param nonce the OIDC nonce, if sent
 * @param promptNone whether {@code prompt=none} was asked
 * @param idpName the {@code pinniped_idp_name}, if sent
 * @param idpType the {@code pinniped_idp_type}, if sent
 */
public record AuthorizeRequest(
    OAuthClient client,
    URI redirectUri,
    AuthorizeTarget.ResponseMode responseMode,
    String state,
    List<String> requestedScopes,
    String codeChallenge,
    @Nullable String nonce,
    boolean promptNone,
    @Nullable String idpName,
    @Nullable String idpType,
    Map<String, List<String>> parameters) {
  /** Scopes granted whenever requested; the Supervisor asks no consent (Pinniped's rule). */
  private static final Set<String> AUTO_APPROVED =
      Set.of(
          OidcScopes.OPENID,
          OidcScopes.OFFLINE_ACCESS,
          OidcScopes.REQUEST_AUDIENCE,
          OidcScopes.USERNAME,
          OidcScopes.GROUPS);

  public AuthorizeRequest {
    requestedScopes = List.copyOf(requestedScopes);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    parameters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    parameters = java.util.Collections.unmodifiableMap(copy);
  }

  /** Where responses to this request go. */
  public AuthorizeTarget target(String issuer) {
    return new AuthorizeTarget(redirectUri, state, responseMode, issuer);
  }

  /**
   * The scopes granted: the auto-approved ones among those requested; for {@code pinniped-cli} also
   * {@code username} and {@code groups}, always, as older CLIs do not ask for them.
   */
  public List<String> grantedScopes() {
    Set<String> granted = new LinkedHashSet<>();
    for (String scope : requestedScopes) {
      if (AUTO_APPROVED.contains(scope)) {
        granted.add(scope);
      }
    }
    if (ClientIds.PINNIPED_CLI.equals(client.id())) {
      granted.add(OidcScopes.USERNAME);
      granted.add(OidcScopes.GROUPS);
    }
    return List.copyOf(granted);
  }

  /**
   * The parameters to carry in the upstream state: all but {@code pinniped_idp_type}, which only
   * helps choose the provider (Pinniped strips it too).
   */
  public String encodedParametersForState() {
    Map<String, List<String>> kept = new LinkedHashMap<>(parameters);
    kept.remove(AuthorizeExtensions.IDP_TYPE_PARAM);
    return FormEncoding.encode(kept);
  }

  /** The query of this request without the identity provider choice, for the chooser's links. */
  public Map<String, List<String>> parametersWithoutIdpChoice() {
    Map<String, List<String>> kept = new LinkedHashMap<>(parameters);
    kept.remove(AuthorizeExtensions.IDP_NAME_PARAM);
    kept.remove(AuthorizeExtensions.IDP_TYPE_PARAM);
    return kept;
  }

  @Override
  public String toString() {
    return "AuthorizeRequest[client=" + client.id() + ", redirectUri=" + redirectUri + "]";
  }
}

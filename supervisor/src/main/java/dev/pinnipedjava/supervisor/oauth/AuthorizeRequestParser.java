package dev.pinnipedjava.supervisor.oauth;

import dev.pinnipedjava.api.supervisor.oidc.AuthorizeExtensions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses and validates a downstream authorization request once, in fosite's order: client, redirect
 * URI (until both are valid, errors cannot go back to the client), response type and mode, scopes,
 * state, PKCE, nonce, prompt.
 */
public final class AuthorizeRequestParser {
  /** fosite's minimum parameter entropy: 8 characters. */
  static final int MIN_ENTROPY = 8;

  /** RFC 7636 section 4.2: an S256 challenge is base64url of 32 bytes. */
  private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");

  /** Parameters that may appear only once (RFC 6749 section 3.1). */
  private static final List<String> SINGLE_VALUED =
      List.of(
          "client_id",
          "redirect_uri",
          "response_type",
          "response_mode",
          "scope",
          "state",
          "code_challenge",
          "code_challenge_method",
          "nonce",
          "prompt",
          AuthorizeExtensions.IDP_NAME_PARAM,
          AuthorizeExtensions.IDP_TYPE_PARAM);

  private final ClientRegistry clients;

  public AuthorizeRequestParser(ClientRegistry clients) {
    this.clients = clients;
  }

  /**
   * The request in {@code parameters}.
   *
   * @throws OAuthErrorException naming the first problem; with a target once the client and its
   *     redirect URI are known to be valid
   */
  public AuthorizeRequest parse(Map<String, List<String>> parameters, String issuer) {
    String clientId = optional(parameters, "client_id");
    OAuthClient client = clientId == null ? null : clients.find(clientId).orElse(null);
    if (client == null) {
      throw new OAuthErrorException(
          OAuthErrors.invalidClient(
              "Client authentication failed (e.g., unknown client, no client authentication"
                  + " included, or unsupported authentication method)."));
    }
    URI redirectUri = redirectUri(parameters, client);
    String state = optional(parameters, "state");
    AuthorizeTarget.ResponseMode mode =
        "form_post".equals(optional(parameters, "response_mode")) && client.formPostAllowed()
            ? AuthorizeTarget.ResponseMode.FORM_POST
            : AuthorizeTarget.ResponseMode.QUERY;
    AuthorizeTarget target = new AuthorizeTarget(redirectUri, state, mode, issuer);

    for (String name : SINGLE_VALUED) {
      List<String> values = parameters.get(name);
      if (values != null && values.size() > 1) {
        throw new OAuthErrorException(
            OAuthErrors.invalidRequest(
                "The request parameter '" + name + "' appeared more than once."),
            target);
      }
    }
    String responseType = single(parameters, "response_type", "");
    if (!"code".equals(responseType)) {
      throw new OAuthErrorException(
          OAuthErrors.unsupportedResponseType(
              "The authorization server does not support obtaining a token using this method."
                  + " The client is not allowed to request response_type '"
                  + safe(responseType)
                  + "'."),
          target);
    }
    String responseMode = single(parameters, "response_mode", "");
    if (!responseMode.isEmpty()
        && !"query".equals(responseMode)
        && !("form_post".equals(responseMode) && client.formPostAllowed())) {
      throw new OAuthErrorException(
          OAuthErrors.unsupportedResponseMode(
              "The authorization server does not support obtaining a response using this response"
                  + " mode."),
          target);
    }
    List<String> scopes = scopes(single(parameters, "scope", ""));
    for (String scope : scopes) {
      if (!client.allowedScopes().contains(scope)) {
        throw new OAuthErrorException(
            OAuthErrors.invalidScope(
                "The requested scope is invalid, unknown, or malformed. The OAuth 2.0 Client is"
                    + " not allowed to request scope '"
                    + safe(scope)
                    + "'."),
            target);
      }
    }
    if (state == null || state.length() < MIN_ENTROPY) {
      throw new OAuthErrorException(OAuthErrors.invalidState(), target);
    }
    String challenge = single(parameters, "code_challenge", "");
    String method = single(parameters, "code_challenge_method", "");
    if (challenge.isEmpty()) {
      throw new OAuthErrorException(
          OAuthErrors.invalidRequest(
              "Clients must include a code_challenge when performing the authorize code flow, but"
                  + " it is missing."),
          target);
    }
    if (!"S256".equals(method)) {
      throw new OAuthErrorException(
          OAuthErrors.invalidRequest(
              method.isEmpty() || "plain".equals(method)
                  ? "Clients must use code_challenge_method=S256, plain is not allowed."
                  : "The code_challenge_method is not supported, use S256 instead."),
          target);
    }
    if (!S256_CHALLENGE.matcher(challenge).matches()) {
      throw new OAuthErrorException(
          OAuthErrors.invalidRequest("The code_challenge is not a valid S256 challenge."), target);
    }
    String nonce = optional(parameters, "nonce");
    if (nonce != null && nonce.length() < MIN_ENTROPY) {
      throw new OAuthErrorException(
          OAuthErrors.invalidRequest(
              "Parameter 'nonce' is set but does not satisfy the minimum entropy of "
                  + MIN_ENTROPY
                  + " characters."),
          target);
    }
    Set<String> prompts = new LinkedHashSet<>(scopes(single(parameters, "prompt", "")));
    for (String prompt : prompts) {
      if (!PROMPTS.contains(prompt)) {
        throw new OAuthErrorException(
            OAuthErrors.invalidRequest(
                "Used unknown value '" + safe(prompt) + "' for prompt parameter."),
            target);
      }
    }
    if (prompts.contains("none") && prompts.size() > 1) {
      throw new OAuthErrorException(
          OAuthErrors.invalidRequest(
              "Parameter 'prompt' was set to 'none', but contains other values as well which is"
                  + " not allowed."),
          target);
    }
    return new AuthorizeRequest(
        client,
        redirectUri,
        mode,
        state,
        scopes,
        challenge,
        nonce,
        prompts.contains("none"),
        emptyToNull(optional(parameters, AuthorizeExtensions.IDP_NAME_PARAM)),
        emptyToNull(optional(parameters, AuthorizeExtensions.IDP_TYPE_PARAM)),
        parameters);
  }

  private static URI redirectUri(Map<String, List<String>> parameters, OAuthClient client) {
    List<String> values = parameters.get("redirect_uri");
    OAuthErrorException invalid =
        new OAuthErrorException(
            OAuthErrors.invalidRequest(
                "The request is missing a required parameter, includes an invalid parameter value,"
                    + " includes a parameter more than once, or is otherwise malformed. The"
                    + " 'redirect_uri' parameter does not match any of the OAuth 2.0 Client's"
                    + " pre-registered redirect urls."));
    if (values == null || values.size() != 1) {
      throw invalid;
    }
    URI requested;
    try {
      requested = new URI(values.get(0));
    } catch (URISyntaxException e) {
      throw invalid;
    }
    if (!client.allowsRedirectUri(requested)) {
      throw invalid;
    }
    return requested;
  }

  /** Space-separated values, in order, without duplicates or empty ones. */
  static List<String> scopes(String value) {
    Set<String> scopes = new LinkedHashSet<>();
    for (String scope : value.split(" ")) {
      if (!scope.isEmpty()) {
        scopes.add(scope);
      }
    }
    return new ArrayList<>(scopes);
  }

  private static @Nullable String emptyToNull(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /** The first value of {@code name}, if any. */
  private static @Nullable String optional(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String single(Map<String, List<String>> parameters, String name, String fallback) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? fallback : values.get(0);
  }

  /** A value echoed in a description: printable ASCII without quotes, and short. */
  static String safe(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (out.length() >= 64) {
        out.append("...");
        break;
      }
      out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '\'' ? c : '?');
    }
    return out.toString();
  }
}

package dev.pinnipedjava.supervisor.upstream.github;

import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubGroupNameAttribute;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubUsernameAttribute;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.supervisor.session.GitHubUpstreamSession;
import dev.pinnipedjava.supervisor.session.UpstreamSessionData;
import dev.pinnipedjava.supervisor.upstream.LoginResult;
import dev.pinnipedjava.supervisor.upstream.Password;
import dev.pinnipedjava.supervisor.upstream.RefreshResult;
import dev.pinnipedjava.supervisor.upstream.UpstreamAuthorizeRequest;
import dev.pinnipedjava.supervisor.upstream.UpstreamCallback;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentity;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamRef;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * One validated GitHubIdentityProvider, as Pinniped's {@code upstreamgithub}: browser logins only
 * (GitHub has neither PKCE nor nonce for OAuth Apps; the state protects the login), the user's
 * organizations checked against the allowed ones, their teams in those organizations as groups
 * {@code <org>/<team>}, and every refresh read again with the stored access token.
 */
final class GitHubUpstreamProvider implements UpstreamIdentityProvider {
  /** GitHub's scopes for reading the user and their organization and team memberships. */
  static final String SCOPES = "read:user read:org";

  static final String NOT_ALLOWED =
      "user is not allowed to log in due to organization membership policy";

  private final UpstreamRef ref;
  private final GitHubHost host;
  private final ClientCredentials client;
  private final GitHubUsernameAttribute usernameAttribute;
  private final GitHubGroupNameAttribute groupNameAttribute;

  /** Lowercase; empty means every GitHub user may log in and every team is a group. */
  private final Set<String> allowedOrganizations;

  private final GitHubApi api;

  GitHubUpstreamProvider(
      UpstreamRef ref,
      GitHubHost host,
      ClientCredentials client,
      GitHubUsernameAttribute usernameAttribute,
      GitHubGroupNameAttribute groupNameAttribute,
      List<String> allowedOrganizations,
      GitHubApi api) {
    this.ref = ref;
    this.host = host;
    this.client = client;
    this.usernameAttribute = usernameAttribute;
    this.groupNameAttribute = groupNameAttribute;
    this.allowedOrganizations =
        allowedOrganizations.stream()
            .map(organization -> organization.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    this.api = api;
  }

  @Override
  public UpstreamRef ref() {
    return ref;
  }

  @Override
  public List<IDPFlow> flows() {
    return List.of(IDPFlow.BROWSER_AUTHCODE);
  }

  @Override
  public URI authorizeRedirect(UpstreamAuthorizeRequest request) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("client_id", client.clientId());
    parameters.put("redirect_uri", request.redirectUri().toString());
    parameters.put("scope", SCOPES);
    parameters.put("state", request.state());
    return URI.create(host.authorizeEndpoint() + "?" + GitHubApi.formEncoded(parameters));
  }

  @Override
  public LoginResult loginFromCallback(UpstreamCallback callback, String displayName) {
    String token;
    try {
      token = api.exchange(client, callback.code().getValue(), callback.redirectUri());
    } catch (GitHubApi.RefusedException e) {
      return new LoginResult.Rejected(e.reason(), false);
    }
    Identified identified;
    try {
      identified = identify(token);
    } catch (GitHubApi.RefusedException e) {
      return new LoginResult.Rejected(e.reason(), false);
    }
    if (!identified.allowed()) {
      return new LoginResult.Rejected(NOT_ALLOWED, false);
    }
    GitHubApi.User user = identified.user();
    return new LoginResult.Authenticated(
        new UpstreamIdentity(
            subject(displayName, user), identified.username(), identified.groups(), Map.of()),
        new GitHubUpstreamSession(token, user.login(), user.id()),
        List.of());
  }

  @Override
  public LoginResult loginWithPassword(String username, Password password, String displayName) {
    throw new UnsupportedOperationException("GitHub offers browser logins only");
  }

  @Override
  public RefreshResult refresh(UpstreamIdentity previous, UpstreamSessionData session) {
    if (!(session instanceof GitHubUpstreamSession github)) {
      return new RefreshResult.Rejected("the session is not of a GitHub login");
    }
    Identified identified;
    try {
      identified = identify(github.accessToken());
    } catch (GitHubApi.RefusedException e) {
      return new RefreshResult.Rejected(e.reason());
    }
    if (!identified.user().equals(new GitHubApi.User(github.login(), github.userId()))) {
      return new RefreshResult.Rejected("the GitHub login or id of the user changed");
    }
    if (!identified.allowed()) {
      return new RefreshResult.Rejected(NOT_ALLOWED);
    }
    // Same login and id: the same subject.
    return new RefreshResult.Refreshed(
        new UpstreamIdentity(
            previous.subject(),
            identified.username(),
            identified.groups(),
            previous.additionalClaims()),
        github);
  }

  /**
   * A GitHub user as this provider maps them.
   *
   * @param allowed whether the organization policy lets them in
   * @param groups their teams in the allowed organizations (none when not allowed)
   */
  private record Identified(
      GitHubApi.User user, String username, List<String> groups, boolean allowed) {}

  private Identified identify(String token) throws GitHubApi.RefusedException {
    GitHubApi.User user = api.user(token);
    boolean allowed =
        allowedOrganizations.isEmpty()
            || api.organizations(token).stream()
                .anyMatch(
                    organization ->
                        allowedOrganizations.contains(organization.toLowerCase(Locale.ROOT)));
    List<String> groups = new ArrayList<>();
    if (allowed) {
      for (GitHubApi.Team team : api.teams(token)) {
        if (allowedOrganizations.isEmpty()
            || allowedOrganizations.contains(team.organization().toLowerCase(Locale.ROOT))) {
          groups.add(
              team.organization()
                  + "/"
                  + (groupNameAttribute == GitHubGroupNameAttribute.NAME
                      ? team.name()
                      : team.slug()));
        }
      }
    }
    return new Identified(user, username(user), groups, allowed);
  }

  /** Pinniped's GitHub downstream subject: {@code <api>?idpName=<name>&login=<login>&id=<id>}. */
  private String subject(String displayName, GitHubApi.User user) {
    StringJoiner query = new StringJoiner("&");
    query.add("idpName=" + URLEncoder.encode(displayName, StandardCharsets.UTF_8));
    query.add("login=" + URLEncoder.encode(user.login(), StandardCharsets.UTF_8));
    query.add("id=" + URLEncoder.encode(user.id(), StandardCharsets.UTF_8));
    return host.api() + "?" + query;
  }

  private String username(GitHubApi.User user) {
    return switch (usernameAttribute) {
      case ID -> user.id();
      case LOGIN -> user.login();
      case LOGIN_AND_ID -> user.login() + ":" + user.id();
    };
  }

  @Override
  public String toString() {
    return "GitHubUpstreamProvider[" + ref + ", " + host.web() + "]";
  }
}

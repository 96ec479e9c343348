package dev.pinnipedjava.supervisor.testing;

import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.session.OidcUpstreamSession;
import dev.pinnipedjava.supervisor.session.UpstreamSessionData;
import dev.pinnipedjava.supervisor.upstream.LoginResult;
import dev.pinnipedjava.supervisor.upstream.Password;
import dev.pinnipedjava.supervisor.upstream.RefreshResult;
import dev.pinnipedjava.supervisor.upstream.RevocationResult;
import dev.pinnipedjava.supervisor.upstream.UpstreamAuthorizeRequest;
import dev.pinnipedjava.supervisor.upstream.UpstreamCallback;
import dev.pinnipedjava.supervisor.upstream.UpstreamException;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentity;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamRef;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An upstream identity provider for tests of what uses one: answers as configured and records every
 * call. Its authorize redirect is {@code https://upstream.example.com/authorize?state=...}, or for
 * one that takes passwords in the browser ({@link #withLoginForm}) the issuer's login form; a
 * callback succeeds for the code {@value #GOOD_CODE}, a password login for {@value #USERNAME} with
 * {@value #PASSWORD}. The code and the username {@value #BROKEN} make it fail as if unreachable.
 */
public final class FakeUpstreamIdentityProvider implements UpstreamIdentityProvider {
  public static final String ISSUER = "https://upstream.example.com";
  public static final String GOOD_CODE = "upstream-code";
  public static final String USERNAME = "alice";
  public static final String PASSWORD = "alice-password";
  public static final String SUBJECT = "alice-sub";
  public static final String BROKEN = "upstream-broken";

  private final UpstreamRef ref;
  private final List<IDPFlow> flows;
  private final boolean loginForm;
  private volatile String username = USERNAME;
  private volatile List<String> groups = List.of("devs");
  private volatile RefreshBehaviour refreshBehaviour = RefreshBehaviour.SUCCEED;

  public final List<UpstreamAuthorizeRequest> authorizeRequests = new CopyOnWriteArrayList<>();
  public final List<UpstreamCallback> callbacks = new CopyOnWriteArrayList<>();
  public final List<String> passwordLogins = new CopyOnWriteArrayList<>();
  public final List<UpstreamSessionData> refreshes = new CopyOnWriteArrayList<>();
  public final List<UpstreamSessionData> revocations = new CopyOnWriteArrayList<>();
  private volatile RevocationResult revocationResult =
      new RevocationResult.Revoked(List.of("refresh_token"));

  /** What a refresh does. */
  public enum RefreshBehaviour {
    SUCCEED,
    REJECT,
    FAIL
  }

  public FakeUpstreamIdentityProvider(String name, String uid, List<IDPFlow> flows) {
    this(IdentityProviderKind.OIDC, name, uid, flows, false);
  }

  private FakeUpstreamIdentityProvider(
      IdentityProviderKind kind, String name, String uid, List<IDPFlow> flows, boolean loginForm) {
    this.ref = new UpstreamRef(kind, name, uid);
    this.flows = List.copyOf(flows);
    this.loginForm = loginForm;
  }

  /**
   * A provider of the kind LDAP that takes a username and password in the browser: its browser
   * login goes to the issuer's login form.
   */
  public static FakeUpstreamIdentityProvider withLoginForm(String name) {
    return new FakeUpstreamIdentityProvider(
        IdentityProviderKind.LDAP,
        name,
        name + "-uid",
        List.of(IDPFlow.CLI_PASSWORD, IDPFlow.BROWSER_AUTHCODE),
        true);
  }

  /** A provider offering the browser flow and the password flow. */
  public static FakeUpstreamIdentityProvider withPasswordGrant(String name) {
    return new FakeUpstreamIdentityProvider(
        name, name + "-uid", List.of(IDPFlow.BROWSER_AUTHCODE, IDPFlow.CLI_PASSWORD));
  }

  /** A provider offering only the browser flow. */
  public static FakeUpstreamIdentityProvider browserOnly(String name) {
    return new FakeUpstreamIdentityProvider(name, name + "-uid", List.of(IDPFlow.BROWSER_AUTHCODE));
  }

  /** From now on, logins and refreshes assert this username. */
  public void setUsername(String username) {
    this.username = username;
  }

  /** From now on, logins and refreshes assert these groups. */
  public void setGroups(List<String> groups) {
    this.groups = List.copyOf(groups);
  }

  /** From now on, revocations answer this. */
  public void setRevocationResult(RevocationResult result) {
    this.revocationResult = result;
  }

  @Override
  public RevocationResult revokeTokens(UpstreamSessionData session) {
    revocations.add(session);
    return revocationResult;
  }

  public void setRefreshBehaviour(RefreshBehaviour behaviour) {
    this.refreshBehaviour = behaviour;
  }

  @Override
  public UpstreamRef ref() {
    return ref;
  }

  @Override
  public List<IDPFlow> flows() {
    return flows;
  }

  @Override
  public URI authorizeRedirect(UpstreamAuthorizeRequest request) {
    authorizeRequests.add(request);
    if (loginForm) {
      return URI.create(
          request.loginPage()
              + "?state="
              + URLEncoder.encode(request.state(), StandardCharsets.UTF_8));
    }
    return URI.create(
        ISSUER
            + "/authorize?client_id=upstream-client&state="
            + URLEncoder.encode(request.state(), StandardCharsets.UTF_8)
            + "&nonce="
            + request.nonce().getValue());
  }

  @Override
  public LoginResult loginFromCallback(UpstreamCallback callback, String displayName) {
    callbacks.add(callback);
    if (BROKEN.equals(callback.code().getValue())) {
      throw new UpstreamException("the fake upstream is broken");
    }
    if (!GOOD_CODE.equals(callback.code().getValue())) {
      return new LoginResult.Rejected("the upstream refused the code", false);
    }
    return authenticated(displayName);
  }

  @Override
  public LoginResult loginWithPassword(String user, Password password, String displayName) {
    passwordLogins.add(user);
    if (BROKEN.equals(user)) {
      throw new UpstreamException("the fake upstream is broken");
    }
    if (!USERNAME.equals(user) || !PASSWORD.equals(password.value())) {
      return new LoginResult.Rejected("wrong password", true);
    }
    return authenticated(displayName);
  }

  private LoginResult authenticated(String displayName) {
    return new LoginResult.Authenticated(
        new UpstreamIdentity(
            ISSUER
                + "?idpName="
                + URLEncoder.encode(displayName, StandardCharsets.UTF_8)
                + "&sub="
                + SUBJECT,
            username,
            groups,
            Map.of("department", "research")),
        new OidcUpstreamSession("upstream-refresh-token", null, SUBJECT, ISSUER),
        List.of());
  }

  @Override
  public RefreshResult refresh(UpstreamIdentity previous, UpstreamSessionData session) {
    refreshes.add(session);
    return switch (refreshBehaviour) {
      case SUCCEED ->
          new RefreshResult.Refreshed(
              new UpstreamIdentity(
                  previous.subject(), username, groups, previous.additionalClaims()),
              new OidcUpstreamSession("rotated-upstream-refresh-token", null, SUBJECT, ISSUER));
      case REJECT -> new RefreshResult.Rejected("revoked upstream");
      case FAIL -> throw new UpstreamException("the fake upstream is down");
    };
  }

  @Override
  public String toString() {
    return "FakeUpstreamIdentityProvider[" + ref + "]";
  }
}

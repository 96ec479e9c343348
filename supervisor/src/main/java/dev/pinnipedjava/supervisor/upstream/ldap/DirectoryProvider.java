package dev.pinnipedjava.supervisor.upstream.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.supervisor.session.UpstreamSessionData;
import dev.pinnipedjava.supervisor.upstream.LoginResult;
import dev.pinnipedjava.supervisor.upstream.Password;
import dev.pinnipedjava.supervisor.upstream.RefreshResult;
import dev.pinnipedjava.supervisor.upstream.UpstreamAuthorizeRequest;
import dev.pinnipedjava.supervisor.upstream.UpstreamCallback;
import dev.pinnipedjava.supervisor.upstream.UpstreamException;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentity;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamRef;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * One validated LDAP or Active Directory provider, as Pinniped's {@code upstreamldap}: a password
 * login binds as the service account, finds exactly one user entry, binds as that entry with the
 * password, then searches the user's groups; a refresh reads the entry again by its DN. Searches
 * run on a pool of connections bound as the service account, opened at first use and closed with
 * the provider.
 */
public final class DirectoryProvider implements UpstreamIdentityProvider, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DirectoryProvider.class);

  private static final int MAX_CONNECTIONS = 10;
  private static final int GROUP_PAGE_SIZE = 500;
  private static final Duration SLOW_SEARCH = Duration.ofMillis(500);
  private static final String ANY_ENTRY = "(objectClass=*)";

  private final UpstreamRef ref;
  private final DirectoryConfig config;
  private final DirectoryConnections connections;
  private @Nullable LDAPConnectionPool pool;
  private boolean closed;

  public DirectoryProvider(UpstreamRef ref, DirectoryConfig config) {
    this.ref = ref;
    this.config = config;
    this.connections = DirectoryConnections.of(config.address(), config.protocol(), config.trust());
  }

  @Override
  public UpstreamRef ref() {
    return ref;
  }

  public DirectoryConfig config() {
    return config;
  }

  @Override
  public List<IDPFlow> flows() {
    return List.of(IDPFlow.CLI_PASSWORD, IDPFlow.BROWSER_AUTHCODE);
  }

  /** The issuer's login form, which posts the username and password back to the issuer. */
  @Override
  public URI authorizeRedirect(UpstreamAuthorizeRequest request) {
    return URI.create(request.loginPage() + "?state=" + queryEscape(request.state()));
  }

  @Override
  public LoginResult loginFromCallback(UpstreamCallback callback, String displayName) {
    throw new UnsupportedOperationException(
        "a directory provider logs in with a username and password, never through /callback");
  }

  @Override
  public LoginResult loginWithPassword(String username, Password password, String displayName) {
    if (username.isEmpty() || password.isBlank()) {
      // An empty password would make the bind anonymous, which directories accept.
      return new LoginResult.Rejected("Missing or blank username or password.", true);
    }
    LDAPConnectionPool connections = pool();
    DirectoryConfig.UserSearch userSearch = config.userSearch();
    SearchResultEntry user;
    try {
      List<SearchResultEntry> found =
          search(
              connections,
              new SearchRequest(
                  userSearch.base(),
                  SearchScope.SUB,
                  DereferencePolicy.NEVER,
                  2,
                  (int) DirectoryConnections.PROBE_TIMEOUT.toSeconds(),
                  false,
                  Filter.create(userSearch.filter().with(username)),
                  userAttributes()),
              "user search");
      if (found.isEmpty()) {
        return new LoginResult.Rejected("Username/password not accepted.", true);
      }
      if (found.size() > 1) {
        throw new UpstreamException(
            "searching for a user resulted in %d search results, but expected 1 result"
                .formatted(found.size()));
      }
      user = found.get(0);
    } catch (LDAPException e) {
      if (ResultCode.SIZE_LIMIT_EXCEEDED.equals(e.getResultCode())) {
        throw new UpstreamException(
            "searching for a user resulted in more than 1 search result, but expected 1 result");
      }
      throw failed("user search", e);
    }

    String mappedUsername;
    String uid;
    try {
      mappedUsername = EntryValues.text(user, userSearch.usernameAttribute());
      uid = config.dialect().uid(user, userSearch.uidAttribute());
    } catch (UnusableEntryException e) {
      throw new UpstreamException(e.reason(), e);
    }

    try {
      connections.bindAndRevertAuthentication(
          new SimpleBindRequest(user.getDN(), password.value()));
    } catch (LDAPException e) {
      if (ResultCode.INVALID_CREDENTIALS.equals(e.getResultCode())) {
        return new LoginResult.Rejected("Username/password not accepted.", true);
      }
      throw failed("bind as the user", e);
    }

    List<String> groups = groups(connections, user);
    DirectorySession session =
        new DirectorySession(
            user.getDN(), uid, mappedUsername, config.dialect().refreshState(user));
    return new LoginResult.Authenticated(
        new UpstreamIdentity(subject(uid, displayName), mappedUsername, groups, Map.of()),
        config.dialect().session(session),
        List.of());
  }

  @Override
  public RefreshResult refresh(UpstreamIdentity previous, UpstreamSessionData data) {
    Optional<DirectorySession> stored = config.dialect().read(data);
    if (stored.isEmpty()) {
      return new RefreshResult.Rejected("the session was not made by a provider of this kind");
    }
    DirectorySession session = stored.get();
    if (!isSubjectOf(previous.subject(), session.uid())) {
      // As Pinniped: the subject names the host and user search base, which may have changed.
      return new RefreshResult.Rejected(
          "the downstream subject would differ now (host or user search base changed)");
    }
    LDAPConnectionPool connections = pool();
    List<SearchResultEntry> found;
    try {
      found =
          search(
              connections,
              new SearchRequest(
                  session.userDn(),
                  SearchScope.BASE,
                  DereferencePolicy.NEVER,
                  2,
                  (int) DirectoryConnections.PROBE_TIMEOUT.toSeconds(),
                  false,
                  Filter.create(ANY_ENTRY),
                  userAttributes()),
              "user refresh search");
    } catch (LDAPException e) {
      if (ResultCode.NO_SUCH_OBJECT.equals(e.getResultCode())) {
        return new RefreshResult.Rejected("the user's entry no longer exists");
      }
      throw failed("user refresh search", e);
    }
    if (found.size() != 1) {
      return new RefreshResult.Rejected(
          "searching for the user's entry resulted in %d search results, but expected 1 result"
              .formatted(found.size()));
    }
    SearchResultEntry user = found.get(0);
    DirectoryConfig.UserSearch userSearch = config.userSearch();
    try {
      if (!EntryValues.text(user, userSearch.usernameAttribute()).equals(session.username())) {
        return new RefreshResult.Rejected("the user's entry maps to a different username now");
      }
      if (!config.dialect().uid(user, userSearch.uidAttribute()).equals(session.uid())) {
        return new RefreshResult.Rejected("the user's entry has a different UID now");
      }
    } catch (UnusableEntryException e) {
      return new RefreshResult.Rejected(e.reason());
    }
    Optional<String> problem =
        config.dialect().refreshProblem(user, session.extraRefreshAttributes());
    if (problem.isPresent()) {
      return new RefreshResult.Rejected(problem.get());
    }
    List<String> groups =
        config.groupSearch().skipGroupRefresh() ? previous.groups() : groups(connections, user);
    return new RefreshResult.Refreshed(
        new UpstreamIdentity(
            previous.subject(), previous.username(), groups, previous.additionalClaims()),
        data);
  }

  /** What the user search reads: the mapped attributes and what the dialect checks on refresh. */
  private String[] userAttributes() {
    Set<String> attributes = new LinkedHashSet<>();
    DirectoryConfig.UserSearch userSearch = config.userSearch();
    for (String attribute :
        List.of(
            userSearch.usernameAttribute(),
            userSearch.uidAttribute(),
            config.groupSearch().userAttributeForFilter())) {
      if (!EntryValues.isDn(attribute)) {
        attributes.add(attribute);
      }
    }
    attributes.addAll(config.dialect().refreshAttributes());
    return attributes.isEmpty()
        ? new String[] {SearchRequest.NO_ATTRIBUTES}
        : attributes.toArray(String[]::new);
  }

  /** The user's group names, sorted; none without a group search base. */
  private List<String> groups(LDAPConnectionPool connections, SearchResultEntry user) {
    DirectoryConfig.GroupSearch groupSearch = config.groupSearch();
    if (!groupSearch.enabled()) {
      return List.of();
    }
    String filterValue;
    try {
      filterValue = EntryValues.text(user, groupSearch.userAttributeForFilter());
    } catch (UnusableEntryException e) {
      throw new UpstreamException(e.reason(), e);
    }
    String nameAttribute = groupSearch.groupNameAttribute();
    String[] attributes =
        EntryValues.isDn(nameAttribute)
            ? new String[] {SearchRequest.NO_ATTRIBUTES}
            : new String[] {nameAttribute};
    Set<String> names = new TreeSet<>();
    try {
      Filter filter = Filter.create(groupSearch.filter().with(filterValue));
      ASN1OctetString cookie = null;
      do {
        SearchRequest request =
            new SearchRequest(groupSearch.base(), SearchScope.SUB, filter, attributes);
        request.setControls(new SimplePagedResultsControl(GROUP_PAGE_SIZE, cookie));
        SearchResult result = timed(connections, request, "group search");
        for (SearchResultEntry group : result.getSearchEntries()) {
          names.add(config.dialect().groupName(group, nameAttribute));
        }
        SimplePagedResultsControl page = SimplePagedResultsControl.get(result);
        cookie = page != null && page.moreResultsToReturn() ? page.getCookie() : null;
      } while (cookie != null);
    } catch (LDAPException e) {
      throw failed("group search", e);
    } catch (UnusableEntryException e) {
      throw new UpstreamException(e.reason(), e);
    }
    return List.copyOf(names);
  }

  private List<SearchResultEntry> search(
      LDAPConnectionPool connections, SearchRequest request, String what) throws LDAPException {
    return new ArrayList<>(timed(connections, request, what).getSearchEntries());
  }

  private SearchResult timed(LDAPConnectionPool connections, SearchRequest request, String what)
      throws LDAPSearchException {
    long started = System.nanoTime();
    try {
      return connections.search(request);
    } finally {
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      if (took.compareTo(SLOW_SEARCH) > 0) {
        LOG.infof("%s of %s took %d ms", what, ref, took.toMillis());
      }
    }
  }

  private UpstreamException failed(String what, LDAPException e) {
    return new UpstreamException(
        "%s with %s failed: %s %s"
            .formatted(what, ref, e.getResultCode(), e.getDiagnosticMessage()),
        e);
  }

  /** The pool, opened at first use; an unreachable directory is tried again at the next use. */
  private synchronized LDAPConnectionPool pool() {
    if (closed) {
      throw new UpstreamException(ref + " was replaced by a newer configuration");
    }
    LDAPConnectionPool current = pool;
    if (current != null) {
      return current;
    }
    try {
      current = connections.pool(config.bind(), MAX_CONNECTIONS);
    } catch (LDAPException e) {
      throw new UpstreamException(
          "could not connect to \"%s\" and bind as user \"%s\": %s"
              .formatted(config.address().spec(), config.bind().username(), e.getMessage()),
          e);
    }
    pool = current;
    return current;
  }

  /**
   * Pinniped's downstream subject of a directory user: {@code ldaps://<host>?base=<user search
   * base>&idpName=<display name>&sub=<uid>}.
   */
  String subject(String uid, String displayName) {
    return "ldaps://"
        + config.address().spec()
        + "?base="
        + queryEscape(config.userSearch().base())
        + "&idpName="
        + queryEscape(displayName)
        + "&sub="
        + queryEscape(uid);
  }

  /** Whether {@code subject} is what {@link #subject} gives for {@code uid} (any display name). */
  private boolean isSubjectOf(String subject, String uid) {
    return subject.startsWith(
            "ldaps://"
                + config.address().spec()
                + "?base="
                + queryEscape(config.userSearch().base())
                + "&idpName=")
        && subject.endsWith("&sub=" + queryEscape(uid));
  }

  /** Go's {@code url.QueryEscape}, which leaves {@code ~} alone and escapes {@code *}. */
  static String queryEscape(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
  }

  /** Closes the pool; uses after this fail as unreachable. */
  @Override
  public synchronized void close() {
    closed = true;
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }

  @Override
  public String toString() {
    return "DirectoryProvider[" + ref + ", " + connections + "]";
  }
}

package dev.pinnipedjava.supervisor.storage.gc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.controller.InMemoryResourceCache;
import dev.pinnipedjava.controller.SyncContext;
import dev.pinnipedjava.supervisor.audit.AuditLog;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.secretstore.InMemorySecretStore;
import dev.pinnipedjava.supervisor.secretstore.StorageType;
import dev.pinnipedjava.supervisor.secretstore.VersionedShape;
import dev.pinnipedjava.supervisor.secretstore.gc.ExpiredSecretCollector;
import dev.pinnipedjava.supervisor.session.DownstreamSession;
import dev.pinnipedjava.supervisor.session.OidcUpstreamSession;
import dev.pinnipedjava.supervisor.storage.AuthorizationCodeDocument;
import dev.pinnipedjava.supervisor.storage.AuthorizedRequest;
import dev.pinnipedjava.supervisor.storage.RequestDocument;
import dev.pinnipedjava.supervisor.storage.SessionStorage;
import dev.pinnipedjava.supervisor.storage.StorageSchema;
import dev.pinnipedjava.supervisor.storage.TokenSessionDocument;
import dev.pinnipedjava.supervisor.testing.FakeUpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.RevocationResult;
import dev.pinnipedjava.supervisor.upstream.UpstreamRegistry;
import dev.pinnipedjava.testkit.clock.MutableClock;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The garbage collector with the session handler, over Secrets exactly as the storage writes them:
 * which expired sessions revoke their upstream tokens, which are kept to retry, and the audit
 * events of each.
 */
class ExpiredSessionHandlerTest {
  private static final Instant CREATED = Instant.parse("2025-07-02T00:00:00Z");
  private static final Duration LIFETIME = Duration.ofHours(9);
  private static final Instant EXPIRY = CREATED.plus(LIFETIME);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Builds the one Secret of a case from a login. */
  private interface SecretMaker extends BiFunction<MutableClock, AuthorizedRequest, Secret> {}

  record Case(
      String name,
      SecretMaker secret,
      List<String> grantedScopes,
      RevocationResult upstreamAnswer,
      Duration afterExpiry,
      boolean providerStillValid,
      boolean wantRevocationAttempt,
      boolean wantDeleted,
      List<String> wantEvents) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<String> OFFLINE = List.of("openid", "offline_access", "username");
  private static final List<String> NO_OFFLINE = List.of("openid", "username");
  private static final RevocationResult REVOKED =
      new RevocationResult.Revoked(List.of("refresh_token"));
  private static final String REVOKED_EVENT = "Upstream OIDC Token Revoked type=refresh_token";

  static Stream<Case> cases() {
    Duration soon = Duration.ofMinutes(1);
    return Stream.of(
        new Case(
            "token session: revoked, then collected",
            ExpiredSessionHandlerTest::tokenSession,
            OFFLINE,
            REVOKED,
            soon,
            true,
            true,
            true,
            List.of(REVOKED_EVENT, "Session Garbage Collected storageType=token-session")),
        new Case(
            "token session without offline_access: revoked, then collected",
            ExpiredSessionHandlerTest::tokenSession,
            NO_OFFLINE,
            REVOKED,
            soon,
            true,
            true,
            true,
            List.of(REVOKED_EVENT, "Session Garbage Collected storageType=token-session")),
        new Case(
            "refresh token: revoked, then collected",
            ExpiredSessionHandlerTest::refreshToken,
            OFFLINE,
            REVOKED,
            soon,
            true,
            true,
            true,
            List.of(REVOKED_EVENT, "Session Garbage Collected storageType=refresh-token")),
        new Case(
            "unused code: revoked, then collected",
            code(true),
            OFFLINE,
            REVOKED,
            soon,
            true,
            true,
            true,
            List.of(REVOKED_EVENT, "Session Garbage Collected storageType=authcode")),
        new Case(
            "used code: its tokens hold the latest upstream token",
            code(false),
            OFFLINE,
            REVOKED,
            soon,
            true,
            false,
            true,
            List.of("Session Garbage Collected storageType=authcode")),
        new Case(
            "access token of a login that can refresh",
            ExpiredSessionHandlerTest::accessToken,
            OFFLINE,
            REVOKED,
            soon,
            true,
            false,
            true,
            List.of("Session Garbage Collected storageType=access-token")),
        new Case(
            "access token of a login that cannot refresh",
            ExpiredSessionHandlerTest::accessToken,
            NO_OFFLINE,
            REVOKED,
            soon,
            true,
            true,
            true,
            List.of(REVOKED_EVENT, "Session Garbage Collected storageType=access-token")),
        new Case(
            "PKCE document",
            other(SessionStorage.PKCE),
            OFFLINE,
            REVOKED,
            soon,
            true,
            false,
            true,
            List.of()),
        new Case(
            "provider with no revocation endpoint",
            ExpiredSessionHandlerTest::refreshToken,
            OFFLINE,
            RevocationResult.nothingToRevoke(),
            soon,
            true,
            true,
            true,
            List.of("Session Garbage Collected storageType=refresh-token")),
        new Case(
            "retryable failure: kept to retry",
            ExpiredSessionHandlerTest::refreshToken,
            OFFLINE,
            new RevocationResult.Failed("server responded with status 503", true),
            soon,
            true,
            true,
            false,
            List.of()),
        new Case(
            "retryable failure four hours on: collected",
            ExpiredSessionHandlerTest::refreshToken,
            OFFLINE,
            new RevocationResult.Failed("server responded with status 503", true),
            Duration.ofHours(4).plusSeconds(1),
            true,
            true,
            true,
            List.of("Session Garbage Collected storageType=refresh-token")),
        new Case(
            "final failure: collected",
            ExpiredSessionHandlerTest::refreshToken,
            OFFLINE,
            new RevocationResult.Failed("server responded with status 400", false),
            soon,
            true,
            true,
            true,
            List.of("Session Garbage Collected storageType=refresh-token")),
        new Case(
            "provider deleted: collected",
            ExpiredSessionHandlerTest::refreshToken,
            OFFLINE,
            REVOKED,
            soon,
            false,
            false,
            true,
            List.of("Session Garbage Collected storageType=refresh-token")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void revokesAndAuditsAsPinniped(Case c) throws IOException {
    MutableClock clock = new MutableClock(CREATED);
    FakeUpstreamIdentityProvider provider = FakeUpstreamIdentityProvider.withPasswordGrant("okta");
    provider.setRevocationResult(c.upstreamAnswer());
    UpstreamRegistry upstreams = new UpstreamRegistry();
    if (c.providerStillValid()) {
      upstreams.setProviders(IdentityProviderKind.OIDC, List.of(provider));
    }
    List<String> audit = new ArrayList<>();
    InMemoryResourceCache<Secret> secrets = InMemoryResourceCache.create();
    secrets.put(c.secret().apply(clock, login("session-1", c.grantedScopes())));
    List<String> deleted = new ArrayList<>();
    ExpiredSecretCollector collector =
        new ExpiredSecretCollector(
            secrets,
            secret -> deleted.add(secret.getMetadata().getName()),
            clock,
            Duration.ofSeconds(30),
            new ExpiredSessionHandler(upstreams, new AuditLog(audit::add, clock, JSON, false)));
    clock.advance(Duration.between(clock.instant(), EXPIRY.plus(c.afterExpiry())));

    SyncContext context = new SyncContext(ExpiredSecretCollector.NAME, key());
    collector.sync(context);

    assertThat(provider.revocations).hasSize(c.wantRevocationAttempt() ? 1 : 0);
    assertThat(deleted).hasSize(c.wantDeleted() ? 1 : 0);
    assertThat(summaries(audit)).containsExactlyElementsOf(c.wantEvents());
    for (String line : audit) {
      JsonNode event = JSON.readTree(line);
      assertThat(event.path("sessionID").asText()).isEqualTo("session-1");
      assertThat(event.has("auditID")).as("no request, no audit ID").isFalse();
      assertThat(line).doesNotContain("upstream-refresh-token");
    }
  }

  @Test
  void aSessionThatCannotBeHandledDoesNotKeepTheOthers() {
    MutableClock clock = new MutableClock(CREATED);
    FakeUpstreamIdentityProvider provider = FakeUpstreamIdentityProvider.withPasswordGrant("okta");
    UpstreamRegistry upstreams = new UpstreamRegistry();
    upstreams.setProviders(IdentityProviderKind.OIDC, List.of(provider));
    InMemoryResourceCache<Secret> secrets = InMemoryResourceCache.create();
    secrets.put(refreshToken(clock, login("session-1", OFFLINE)));
    secrets.put(refreshToken(clock, login("session-2", OFFLINE)));
    List<String> deleted = new ArrayList<>();
    List<String> audit = new ArrayList<>();
    ExpiredSessionHandler sessions =
        new ExpiredSessionHandler(upstreams, new AuditLog(audit::add, clock, JSON, false));
    ExpiredSecretCollector collector =
        new ExpiredSecretCollector(
            secrets,
            secret -> deleted.add(secret.getMetadata().getName()),
            clock,
            Duration.ofSeconds(30),
            new ExpiredSecretCollector.ExpiryHandler() {
              private boolean first = true;

              @Override
              public boolean beforeDelete(Secret secret, Instant expiredAt, Instant now) {
                if (first) {
                  first = false;
                  throw new IllegalStateException("a broken provider");
                }
                return sessions.beforeDelete(secret, expiredAt, now);
              }

              @Override
              public void deleted(Secret secret) {
                sessions.deleted(secret);
              }
            });
    clock.advance(Duration.between(clock.instant(), EXPIRY.plusSeconds(60)));

    collector.sync(new SyncContext(ExpiredSecretCollector.NAME, key()));

    assertThat(deleted).hasSize(2);
    assertThat(provider.revocations).hasSize(1);
    // The broken one first: collected without revocation; the other revoked, then collected.
    assertThat(summaries(audit))
        .containsExactly(
            "Session Garbage Collected storageType=refresh-token",
            REVOKED_EVENT,
            "Session Garbage Collected storageType=refresh-token");
  }

  private static dev.pinnipedjava.controller.Key key() {
    return dev.pinnipedjava.controller.Key.clusterScoped("sweep");
  }

  private static List<String> summaries(List<String> audit) {
    List<String> summaries = new ArrayList<>();
    for (String line : audit) {
      try {
        JsonNode event = JSON.readTree(line);
        String message = event.path("message").asText();
        summaries.add(
            event.has("type")
                ? message + " type=" + event.path("type").asText()
                : message + " storageType=" + event.path("storageType").asText());
      } catch (IOException e) {
        throw new AssertionError(line, e);
      }
    }
    return summaries;
  }

  private static AuthorizedRequest login(String id, List<String> scopes) {
    FakeUpstreamIdentityProvider provider = FakeUpstreamIdentityProvider.withPasswordGrant("okta");
    return new AuthorizedRequest(
        id,
        "pinniped-cli",
        "http://127.0.0.1/callback",
        scopes,
        CREATED,
        null,
        null,
        CREATED.plus(LIFETIME),
        new DownstreamSession(
            "https://upstream.example.com?idpName=okta&sub=alice-sub",
            "alice",
            List.of("devs"),
            Map.of(),
            "display-okta",
            provider.ref().name(),
            provider.ref().uid(),
            "oidc",
            CREATED,
            new OidcUpstreamSession(
                "upstream-refresh-token", null, "alice-sub", "https://upstream.example.com"),
            List.of()));
  }

  private static Secret refreshToken(MutableClock clock, AuthorizedRequest login) {
    return stored(clock, SessionStorage.REFRESH_TOKEN, RequestDocument.of(login), login.id());
  }

  private static Secret tokenSession(MutableClock clock, AuthorizedRequest login) {
    return stored(
        clock,
        SessionStorage.TOKEN_SESSION,
        TokenSessionDocument.of(login, "access", CREATED.plus(Duration.ofMinutes(2)), null),
        login.id());
  }

  private static Secret accessToken(MutableClock clock, AuthorizedRequest login) {
    return stored(
        clock,
        SessionStorage.ACCESS_TOKEN,
        RequestDocument.expiring(login, CREATED.plus(Duration.ofMinutes(2))),
        login.id());
  }

  private static SecretMaker code(boolean active) {
    return (clock, login) ->
        stored(
            clock,
            SessionStorage.AUTHORIZATION_CODE,
            active
                ? AuthorizationCodeDocument.active(login)
                : AuthorizationCodeDocument.active(login).invalidated(),
            login.id());
  }

  private static SecretMaker other(StorageType<RequestDocument> type) {
    return (clock, login) -> stored(clock, type, RequestDocument.of(login), login.id());
  }

  private static <T extends VersionedShape> Secret stored(
      MutableClock clock, StorageType<T> type, T document, String signature) {
    InMemorySecretStore<T> store =
        new InMemorySecretStore<>(type, clock, StorageSchema.objectMapper());
    store.create(signature, document, Map.of(), List.of(), LIFETIME);
    return store.secret(signature).orElseThrow();
  }
}

package dev.pinnipedjava.cli.sessioncache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.cli.kubejson.KubeJson;
import dev.pinnipedjava.cli.sessioncache.OidcTokens.AccessToken;
import dev.pinnipedjava.cli.sessioncache.OidcTokens.IdToken;
import dev.pinnipedjava.cli.sessioncache.OidcTokens.RefreshToken;
import dev.pinnipedjava.testkit.clock.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SessionCacheTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final SessionCacheKey KEY =
      new SessionCacheKey(
          "https://issuer.example.com",
          "pinniped-cli",
          List.of("openid", "offline_access", "groups"),
          "http://localhost:0/callback",
          null);

  @TempDir Path temp;

  private final MutableClock clock = new MutableClock(NOW);
  private final List<String> warnings = new ArrayList<>();

  private SessionCache cache(Path file) {
    return new SessionCache(file, clock, warnings::add);
  }

  @Test
  void putThenGetReturnsTheTokensUnderAKeyWhoseScopesAreSorted() throws IOException {
    Path file = temp.resolve("pinniped/sessions.yaml");
    OidcTokens tokens =
        new OidcTokens(
            new AccessToken("access", "Bearer", NOW.plus(Duration.ofMinutes(2))),
            new RefreshToken("refresh"),
            new IdToken("id", NOW.plus(Duration.ofMinutes(2)), Map.of("sub", "alice")));

    cache(file).put(KEY, tokens);
    SessionCacheKey sameScopesOtherOrder =
        new SessionCacheKey(
            KEY.issuer(),
            KEY.clientId(),
            List.of("groups", "offline_access", "openid"),
            KEY.redirectUri(),
            "");

    assertThat(cache(file).get(sameScopesOtherOrder)).contains(tokens);
    assertThat(KEY.scopes()).containsExactly("groups", "offline_access", "openid");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(warnings).isEmpty();
  }

  @Test
  void aDifferentUpstreamProviderIsADifferentSession() {
    Path file = temp.resolve("sessions.yaml");
    cache(file).put(KEY, new OidcTokens(null, new RefreshToken("r"), null));

    SessionCacheKey otherProvider =
        new SessionCacheKey(KEY.issuer(), KEY.clientId(), KEY.scopes(), KEY.redirectUri(), "ldap");

    assertThat(cache(file).get(otherProvider)).isEmpty();
    assertThat(cache(file).get(KEY)).isPresent();
  }

  record NormalizeCase(
      String name,
      @Nullable Duration idExpiresIn,
      @Nullable Duration accessExpiresIn,
      @Nullable String refreshToken,
      Duration lastUsedAgo,
      boolean wantEntry,
      boolean wantId,
      boolean wantAccess,
      boolean wantRefresh) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<NormalizeCase> normalizeCases() {
    Duration later = Duration.ofMinutes(5);
    Duration earlier = Duration.ofMinutes(-5);
    return Stream.of(
        new NormalizeCase(
            "all tokens live", later, later, "r", Duration.ZERO, true, true, true, true),
        new NormalizeCase(
            "expired ID token is nulled",
            earlier,
            later,
            "r",
            Duration.ZERO,
            true,
            false,
            true,
            true),
        new NormalizeCase(
            "expired access token is nulled",
            later,
            earlier,
            "r",
            Duration.ZERO,
            true,
            true,
            false,
            true),
        new NormalizeCase(
            "tokens without expiry are nulled",
            null,
            null,
            "r",
            Duration.ZERO,
            true,
            false,
            false,
            true),
        new NormalizeCase(
            "empty refresh token is nulled",
            later,
            later,
            "",
            Duration.ZERO,
            true,
            true,
            true,
            false),
        new NormalizeCase(
            "no live token drops the entry",
            earlier,
            earlier,
            null,
            Duration.ZERO,
            false,
            false,
            false,
            false),
        new NormalizeCase(
            "unused for 90 days and a second is dropped",
            later,
            later,
            "r",
            Duration.ofDays(90).plusSeconds(1),
            false,
            false,
            false,
            false),
        new NormalizeCase(
            "unused for exactly 90 days is kept",
            later,
            later,
            "r",
            Duration.ofDays(90),
            true,
            true,
            true,
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("normalizeCases")
  void normalizesByPinnipedsRules(NormalizeCase c) throws IOException {
    Path file = temp.resolve("sessions.yaml");
    String id =
        c.idExpiresIn() == null
            ? "{token: id}"
            : "{token: id, expiryTimestamp: \"%s\"}".formatted(NOW.plus(c.idExpiresIn()));
    String access =
        c.accessExpiresIn() == null
            ? "{token: access}"
            : "{token: access, type: Bearer, expiryTimestamp: \"%s\"}"
                .formatted(NOW.plus(c.accessExpiresIn()));
    String refresh =
        c.refreshToken() == null ? "null" : "{token: \"%s\"}".formatted(c.refreshToken());
    Files.writeString(
        file,
        """
        apiVersion: config.supervisor.pinniped.dev/v1alpha1
        kind: SessionCache
        sessions:
          - creationTimestamp: "2025-01-01T00:00:00Z"
            key:
              clientID: pinniped-cli
              issuer: https://issuer.example.com
              redirect_uri: http://localhost:0/callback
              scopes: [groups, offline_access, openid]
            lastUsedTimestamp: "%s"
            tokens: {id: %s, access: %s, refresh: %s}
        """
            .formatted(NOW.minus(c.lastUsedAgo()), id, access, refresh));

    var got = cache(file).get(KEY);

    assertThat(got.isPresent()).isEqualTo(c.wantEntry());
    got.ifPresent(
        tokens -> {
          assertThat(tokens.id() != null).as("id token").isEqualTo(c.wantId());
          assertThat(tokens.access() != null).as("access token").isEqualTo(c.wantAccess());
          assertThat(tokens.refresh() != null).as("refresh token").isEqualTo(c.wantRefresh());
        });
    SessionCacheDocument document =
        KubeJson.yaml().readValue(file.toFile(), SessionCacheDocument.class);
    assertThat(document.sessions()).hasSize(c.wantEntry() ? 1 : 0);
    assertThat(warnings).isEmpty();
  }

  @Test
  void readsPinnipedsSampleFile() throws IOException {
    // Pinniped's pkg/oidcclient/filesession/testdata/valid.yaml, with the expiries in the future.
    Path file = temp.resolve("sessions.yaml");
    Files.writeString(
        file,
        """
        apiVersion: config.supervisor.pinniped.dev/v1alpha1
        kind: SessionCache
        sessions:
          - creationTimestamp: "2025-06-01T11:42:07Z"
            key:
              clientID: test-client-id
              issuer: test-issuer
              redirect_uri: http://localhost:0/callback
              scopes:
                - email
                - offline_access
                - openid
                - profile
            lastUsedTimestamp: "2025-06-01T11:45:31Z"
            tokens:
              access:
                expiryTimestamp: "2025-06-01T12:46:30Z"
                token: test-access-token
                type: Bearer
              id:
                expiryTimestamp: "2025-06-01T12:42:07Z"
                token: test-id-token
                claims:
                  foo: bar
                  nested:
                    key1: value1
                    key2: value2
              refresh:
                token: test-refresh-token
        """);
    SessionCacheKey key =
        new SessionCacheKey(
            "test-issuer",
            "test-client-id",
            List.of("openid", "profile", "email", "offline_access"),
            "http://localhost:0/callback",
            null);

    OidcTokens tokens = cache(file).get(key).orElseThrow();

    assertThat(tokens.id()).isNotNull();
    assertThat(java.util.Objects.requireNonNull(tokens.id()).claims())
        .containsEntry("foo", "bar")
        .containsEntry("nested", Map.of("key1", "value1", "key2", "value2"));
    assertThat(tokens.access())
        .isEqualTo(
            new AccessToken("test-access-token", "Bearer", Instant.parse("2025-06-01T12:46:30Z")));
    assertThat(tokens.refresh()).isEqualTo(new RefreshToken("test-refresh-token"));
  }

  @Test
  void aCorruptOrForeignFileIsResetWithAWarning() throws IOException {
    Path file = temp.resolve("sessions.yaml");
    Files.writeString(
        file, "apiVersion: config.supervisor.pinniped.dev/v1alpha1\nkind: CredentialCache\n");

    assertThat(cache(file).get(KEY)).isEmpty();

    assertThat(warnings).singleElement().asString().contains("unsupported session version");
  }

  @Test
  void tokensNeverAppearInToString() {
    OidcTokens tokens =
        new OidcTokens(
            new AccessToken("secret-access", "Bearer", NOW),
            new RefreshToken("secret-refresh"),
            new IdToken("secret-id", NOW, null));

    assertThat(tokens.toString()).doesNotContain("secret");
  }
}

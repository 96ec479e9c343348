package dev.pinnipedjava.supervisor.upstream.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.session.OidcUpstreamSession;
import dev.pinnipedjava.supervisor.upstream.LoginResult;
import dev.pinnipedjava.supervisor.upstream.Password;
import dev.pinnipedjava.supervisor.upstream.RefreshResult;
import dev.pinnipedjava.supervisor.upstream.RevocationResult;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentity;
import dev.pinnipedjava.supervisor.upstream.UpstreamRef;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsTrust;
import dev.pinnipedjava.testkit.clock.MutableClock;
import dev.pinnipedjava.testkit.dex.DexClient;
import dev.pinnipedjava.testkit.dex.DexConfig;
import dev.pinnipedjava.testkit.dex.DexServer;
import dev.pinnipedjava.testkit.dex.DexUser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Revocation against a real Dex, which offers no RFC 7009 endpoint (its discovery has no {@code
 * revocation_endpoint}): the garbage collector's revocation of a Dex login is a no-op that sends
 * nothing, and leaves the upstream refresh token usable.
 */
class DexRevocationTest {
  private static DexServer dex;

  @BeforeAll
  static void startDex() {
    dex =
        DexServer.start(
            DexConfig.builder()
                .user(DexUser.of("pinny", "password-123"))
                .client(
                    new DexClient("client", "secret", List.of(URI.create("https://127.0.0.1/cb"))))
                .build());
  }

  @AfterAll
  static void stopDex() {
    dex.close();
  }

  @Test
  void dexHasNoRevocationEndpointSoNothingIsRevoked() {
    OidcDiscovery.Discovered discovered =
        new OidcDiscovery(new MutableClock(Instant.now()))
            .discover(
                dex.issuer().toString(),
                UpstreamTlsTrust.fromPem(dex.caPem().getBytes(StandardCharsets.UTF_8)));
    OidcUpstreamProvider provider =
        new OidcUpstreamProvider(
            new UpstreamRef(IdentityProviderKind.OIDC, "dex", "dex-uid"),
            new ClientID("client"),
            new Secret("secret"),
            List.of("openid", "offline_access", "email", "profile"),
            Map.of(),
            new OidcClaimsMapping("email", null, Map.of()),
            true,
            discovered);
    LoginResult login =
        provider.loginWithPassword("pinny@example.com", new Password("password-123"), "dex");
    assertThat(login).isInstanceOf(LoginResult.Authenticated.class);
    OidcUpstreamSession session =
        (OidcUpstreamSession) ((LoginResult.Authenticated) login).session();
    assertThat(session.refreshToken()).as("Dex issues refresh tokens").isNotNull();

    assertThat(discovered.metadata().getRevocationEndpointURI()).isNull();
    assertThat(provider.revokeTokens(session)).isEqualTo(RevocationResult.nothingToRevoke());
    assertThat(
            provider.refresh(
                new UpstreamIdentity("sub", "pinny@example.com", List.of(), Map.of()), session))
        .as("the refresh token still works: nothing was revoked")
        .isInstanceOf(RefreshResult.Refreshed.class);
  }
}

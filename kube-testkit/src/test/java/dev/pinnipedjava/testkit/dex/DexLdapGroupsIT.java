package dev.pinnipedjava.testkit.dex;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.pinnipedjava.testkit.ldap.LdapServer;
import dev.pinnipedjava.testkit.ldap.LdapUser;
import dev.pinnipedjava.testkit.ldap.WithLdapServer;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Dex's LDAP connector against the test slapd: the way tests get real {@code groups} claims. */
@WithLdapServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DexLdapGroupsIT {
  private static final DexClient CLIENT =
      new DexClient(
          "pinniped-supervisor",
          "ldap client secret",
          List.of(URI.create("https://127.0.0.1:1/cb")));

  private final LdapServer ldap;
  private DexServer dex;
  private TokenEndpoint endpoint;

  DexLdapGroupsIT(LdapServer ldap) {
    this.ldap = ldap;
  }

  @BeforeAll
  void startDex() {
    dex =
        DexServer.start(
            DexConfig.builder()
                .client(CLIENT)
                .ldapConnector(DexLdapConnector.forServer(ldap))
                .passwordGrantConnector(DexLdapConnector.DEFAULT_ID)
                .build());
    endpoint = new TokenEndpoint(dex, CLIENT);
  }

  @AfterAll
  void stopDex() {
    dex.stop();
  }

  @Test
  void theIdTokenCarriesTheLdapGroupsAndARefreshSeesMembershipChanges() throws Exception {
    String walrus = ldap.addUser(new LdapUser("walrus", "Wally Walrus", "wally@example.com", "pw"));
    ldap.addGroup("seals", List.of(walrus));
    String other = ldap.addUser(LdapUser.of("someone-else", "pw"));
    ldap.addGroup("sea-lions", List.of(other));

    TokenEndpoint.Answer login =
        endpoint.passwordGrant("walrus", "pw", "openid email profile groups offline_access");

    assertThat(login.status()).as(login.body().toString()).isEqualTo(200);
    JWTClaimsSet claims = endpoint.verifiedClaims(login.idToken());
    assertThat(claims.getStringClaim("email")).isEqualTo("wally@example.com");
    assertThat(claims.getStringClaim("name")).isEqualTo("Wally Walrus");
    assertThat(claims.getStringClaim("preferred_username")).isEqualTo("walrus");
    assertThat(claims.getStringListClaim("groups")).containsExactly("seals");

    ldap.addMember("sea-lions", walrus);
    TokenEndpoint.Answer refreshed = endpoint.refresh(login.refreshToken());

    assertThat(refreshed.status()).as(refreshed.body().toString()).isEqualTo(200);
    assertThat(endpoint.verifiedClaims(refreshed.idToken()).getStringListClaim("groups"))
        .containsExactlyInAnyOrder("seals", "sea-lions");
  }

  @Test
  void aWrongLdapPasswordGetsNoToken() throws Exception {
    ldap.addUser(LdapUser.of("walrus-two", "right"));

    TokenEndpoint.Answer answer = endpoint.passwordGrant("walrus-two", "wrong", "openid");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body().has("id_token")).isFalse();
  }
}

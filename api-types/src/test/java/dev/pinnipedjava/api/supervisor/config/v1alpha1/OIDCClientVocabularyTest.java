package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.api.schema.MetadataNamePattern;
import dev.pinnipedjava.api.supervisor.oidc.ClientIds;
import dev.pinnipedjava.api.supervisor.oidc.GrantTypes;
import dev.pinnipedjava.api.supervisor.oidc.OidcScopes;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The OIDCClient resource speaks the same vocabulary as the protocol constants. */
class OIDCClientVocabularyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void allowedGrantTypesAreTheSupervisorsGrantTypes() {
    assertThat(Arrays.stream(AllowedGrantType.values()).map(JSON::valueToTree))
        .extracting(Object::toString)
        .containsExactly(
            quoted(GrantTypes.AUTHORIZATION_CODE),
            quoted(GrantTypes.REFRESH_TOKEN),
            quoted(GrantTypes.TOKEN_EXCHANGE));
  }

  @Test
  void allowedScopesAreTheSupervisorsScopesInPinnipedsOrder() {
    assertThat(Arrays.stream(AllowedScope.values()).map(JSON::valueToTree))
        .extracting(Object::toString)
        .containsExactly(
            quoted(OidcScopes.OPENID),
            quoted(OidcScopes.OFFLINE_ACCESS),
            quoted(OidcScopes.USERNAME),
            quoted(OidcScopes.GROUPS),
            quoted(OidcScopes.REQUEST_AUDIENCE));
  }

  @Test
  void nameMustStartWithTheClientIdPrefix() {
    Pattern names =
        Pattern.compile(OIDCClient.class.getAnnotation(MetadataNamePattern.class).value());

    assertThat(names.matcher(ClientIds.OIDC_CLIENT_PREFIX + "my-webapp").find()).isTrue();
    assertThat(names.matcher("client0oauth1pinniped2dev-regex").find()).isFalse();
    assertThat(names.matcher("x-" + ClientIds.OIDC_CLIENT_PREFIX).find()).isFalse();
  }

  @Test
  void redirectUriPatternAcceptsHttpsAndLoopbackHttpOnly() {
    Pattern uris = Pattern.compile(OIDCClientSpec.REDIRECT_URI_PATTERN);

    assertThat(uris.matcher("https://a").find()).isTrue();
    assertThat(uris.matcher("http://127.0.0.1/callback").find()).isTrue();
    assertThat(uris.matcher("http://127.0.0.1:8080/callback").find()).isTrue();
    assertThat(uris.matcher("http://[::1]/callback").find()).isTrue();
    assertThat(uris.matcher("http://localhost/callback").find()).isFalse();
    assertThat(uris.matcher("http://127.0.0.1.example.com/").find()).isFalse();
    assertThat(uris.matcher("oob").find()).isFalse();
  }

  private static String quoted(String value) {
    return "\"" + value + "\"";
  }
}

package dev.pinnipedjava.testkit.dex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.testkit.ldap.LdapAccount;
import dev.pinnipedjava.testkit.loopback.TlsFiles;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DexConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DexClient CLIENT =
      new DexClient("client-id", "client-secret", List.of(URI.create("https://127.0.0.1:1/cb")));
  private static final DexLdapConnector LDAP =
      new DexLdapConnector(
          "ldap",
          "127.0.0.1:1636",
          "ca",
          new LdapAccount("cn=bind,dc=x", "bind-password"),
          "ou=users,dc=x",
          "ou=groups,dc=x");
  private static final TlsFiles TLS =
      new TlsFiles(Path.of("/run/ca.crt"), Path.of("/run/tls.crt"), Path.of("/run/tls.key"));

  record Invalid(String name, UnaryOperator<DexConfig.Builder> configure, String wantMessage) {}

  static Stream<Invalid> invalid() {
    return Stream.of(
        new Invalid("no client", builder -> builder, "at least one static client"),
        new Invalid(
            "password grant through a missing connector",
            builder -> builder.client(CLIENT).passwordGrantConnector("ldap"),
            "names connector 'ldap'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void anIncompleteConfigIsRefused(Invalid c) {
    assertThatThrownBy(() -> c.configure().apply(DexConfig.builder()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(c.wantMessage());
  }

  @Test
  void theFileHoldsBcryptHashesNotPasswords() throws Exception {
    DexConfig config =
        DexConfig.builder().user(DexUser.of("pinny", "pinny-password")).client(CLIENT).build();

    String rendered = render(config);
    JsonNode file = JSON.readTree(rendered);

    assertThat(rendered).doesNotContain("pinny-password");
    JsonNode user = file.at("/staticPasswords/0");
    assertThat(user.path("email").asText()).isEqualTo("pinny@example.com");
    assertThat(user.path("userID").asText()).isEqualTo("id-pinny");
    assertThat(user.path("hash").asText()).startsWith("$2a$10$");
    assertThat(
            OpenBSDBCrypt.checkPassword(user.path("hash").asText(), "pinny-password".toCharArray()))
        .isTrue();
  }

  @Test
  void theFileServesHttpsOnLoopbackWithMemoryStorageAndNoApprovalScreen() throws Exception {
    JsonNode file = JSON.readTree(render(DexConfig.builder().client(CLIENT).build()));

    assertThat(file.path("issuer").asText()).isEqualTo("https://127.0.0.1:5556/dex");
    assertThat(file.at("/web/https").asText()).isEqualTo("127.0.0.1:5556");
    assertThat(file.at("/web/tlsKey").asText()).isEqualTo("/run/tls.key");
    assertThat(file.has("grpc")).isFalse();
    assertThat(file.has("telemetry")).isFalse();
    assertThat(file.at("/storage/type").asText()).isEqualTo("memory");
    assertThat(file.at("/oauth2/skipApprovalScreen").asBoolean()).isTrue();
    assertThat(file.at("/oauth2/passwordConnector").asText()).isEqualTo("local");
    assertThat(file.at("/staticClients/0/redirectURIs/0").asText())
        .isEqualTo("https://127.0.0.1:1/cb");
    assertThat(file.path("connectors")).isEmpty();
  }

  @Test
  void theLdapConnectorMatchesGroupsByMemberDn() throws Exception {
    JsonNode file =
        JSON.readTree(
            render(
                DexConfig.builder()
                    .client(CLIENT)
                    .ldapConnector(LDAP)
                    .passwordGrantConnector("ldap")
                    .build()));

    JsonNode connector = file.at("/connectors/0");
    assertThat(connector.path("type").asText()).isEqualTo("ldap");
    assertThat(connector.at("/config/host").asText()).isEqualTo("127.0.0.1:1636");
    assertThat(connector.at("/config/rootCA").asText()).isEqualTo("/run/ldap-ca.crt");
    assertThat(connector.at("/config/userSearch/username").asText()).isEqualTo("uid");
    assertThat(connector.at("/config/groupSearch/userMatchers/0/userAttr").asText())
        .isEqualTo("DN");
    assertThat(connector.at("/config/groupSearch/userMatchers/0/groupAttr").asText())
        .isEqualTo("member");
    assertThat(file.at("/oauth2/passwordConnector").asText()).isEqualTo("ldap");
  }

  @Test
  void recordsWithSecretsHideThemInTheirStringForm() {
    assertThat(CLIENT.toString()).doesNotContain("client-secret");
    assertThat(DexUser.of("u", "user-password").toString()).doesNotContain("user-password");
    assertThat(LDAP.toString()).doesNotContain("bind-password");
  }

  private static String render(DexConfig config) {
    return DexConfigFile.render(
        config,
        URI.create("https://127.0.0.1:5556/dex"),
        "127.0.0.1:5556",
        TLS,
        Path.of("/run/ldap-ca.crt"),
        new DexPasswordHash(new SecureRandom()));
  }
}

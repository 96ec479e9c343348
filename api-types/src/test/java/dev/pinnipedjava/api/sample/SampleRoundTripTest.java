package dev.pinnipedjava.api.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTAuthenticator;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.WebhookAuthenticator;
import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuer;
import dev.pinnipedjava.api.concierge.identity.v1alpha1.WhoAmIRequest;
import dev.pinnipedjava.api.concierge.login.v1alpha1.TokenCredentialRequest;
import dev.pinnipedjava.api.supervisor.clientsecret.v1alpha1.OIDCClientSecretRequest;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.OIDCClient;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.OIDCIdentityProvider;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind reads a fully populated object in Pinniped's wire form into our type and writes it
 * back unchanged: no field is lost, renamed, defaulted or added.
 */
class SampleRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  record Case(String name, Class<? extends HasMetadata> type) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> kinds() {
    return Stream.of(
        new Case("JWTAuthenticator", JWTAuthenticator.class),
        new Case("WebhookAuthenticator", WebhookAuthenticator.class),
        new Case("CredentialIssuer", CredentialIssuer.class),
        new Case("TokenCredentialRequest", TokenCredentialRequest.class),
        new Case("WhoAmIRequest", WhoAmIRequest.class),
        new Case("FederationDomain", FederationDomain.class),
        new Case("OIDCClient", OIDCClient.class),
        new Case("OIDCClientSecretRequest", OIDCClientSecretRequest.class),
        new Case("OIDCIdentityProvider", OIDCIdentityProvider.class),
        new Case("LDAPIdentityProvider", LDAPIdentityProvider.class),
        new Case("ActiveDirectoryIdentityProvider", ActiveDirectoryIdentityProvider.class),
        new Case("GitHubIdentityProvider", GitHubIdentityProvider.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void sampleRoundTripsUnchanged(Case c) throws Exception {
    String sample = Samples.text(c.name());

    HasMetadata object = Samples.serialization().unmarshal(sample, c.type());
    JsonNode written = JSON.readTree(Samples.serialization().asJson(object));

    assertThat(written).isEqualTo(YAML.readTree(sample));
    assertThat(object.getKind()).isEqualTo(c.name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void newObjectKnowsItsApiVersionAndKind(Case c) throws Exception {
    HasMetadata fresh = c.type().getDeclaredConstructor().newInstance();
    JsonNode sample = YAML.readTree(Samples.text(c.name()));

    assertThat(fresh.getApiVersion()).isEqualTo(sample.get("apiVersion").asText());
    assertThat(fresh.getKind()).isEqualTo(sample.get("kind").asText());
  }
}

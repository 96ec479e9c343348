package dev.pinnipedjava.api.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTAuthenticator;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.WebhookAuthenticator;
import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuer;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.OIDCClient;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.OIDCIdentityProvider;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CustomResourceTypesTest {
  record Case(Class<?> type, String wantComponent) {
    @Override
    public String toString() {
      return type.getSimpleName();
    }
  }

  static Stream<Case> kinds() {
    return Stream.of(
        new Case(JWTAuthenticator.class, "concierge"),
        new Case(WebhookAuthenticator.class, "concierge"),
        new Case(CredentialIssuer.class, "concierge"),
        new Case(FederationDomain.class, "supervisor"),
        new Case(OIDCClient.class, "supervisor"),
        new Case(OIDCIdentityProvider.class, "supervisor"),
        new Case(LDAPIdentityProvider.class, "supervisor"),
        new Case(ActiveDirectoryIdentityProvider.class, "supervisor"),
        new Case(GitHubIdentityProvider.class, "supervisor"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void groupVersionAndKindLeadToTheJavaType(Case c) {
    String group = HasMetadata.getGroup(c.type());

    assertThat(
            CustomResourceTypes.resolve(
                group, HasMetadata.getVersion(c.type()), HasMetadata.getKind(c.type())))
        .isEqualTo(c.type());
    assertThat(CustomResourceTypes.component(group)).isEqualTo(c.wantComponent());
  }

  @Test
  void aKindWithoutJavaTypeIsAnError() {
    assertThatThrownBy(
            () ->
                CustomResourceTypes.resolve(
                    "idp.supervisor.pinniped.dev", "v1alpha1", "SAMLIdentityProvider"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no Java type dev.pinnipedjava.api.supervisor.idp.v1alpha1.SAMLIdentityProvider"
                + " for kind SAMLIdentityProvider of idp.supervisor.pinniped.dev/v1alpha1");
  }

  @Test
  void anAggregatedKindIsNoCustomResource() {
    assertThatThrownBy(
            () ->
                CustomResourceTypes.resolve(
                    "login.concierge.pinniped.dev", "v1alpha1", "TokenCredentialRequest"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("TokenCredentialRequest is not a fabric8 CustomResource");
  }

  @Test
  void groupsOutsidePinnipedsConventionAreErrors() {
    assertThatThrownBy(() -> CustomResourceTypes.resolve("example.com", "v1", "Widget"))
        .hasMessage("group example.com does not end with .pinniped.dev; no Java type follows");
    assertThatThrownBy(() -> CustomResourceTypes.resolve("x.pinniped.dev", "v1", "Widget"))
        .hasMessage("group x.pinniped.dev is not <group>.<component>.pinniped.dev");
    assertThatThrownBy(() -> CustomResourceTypes.component("idp.other.pinniped.dev"))
        .hasMessage("group idp.other.pinniped.dev belongs to no component");
  }
}

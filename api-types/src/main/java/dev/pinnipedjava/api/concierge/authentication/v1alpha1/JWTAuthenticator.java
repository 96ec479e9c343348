package dev.pinnipedjava.api.concierge.authentication.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Configures the Concierge to accept JWTs from one OIDC issuer, validating their signature and
 * audience, and to read the username and groups from their claims. Cluster-scoped.
 */
@JsonClassDescription(
    "JWTAuthenticator describes the configuration of a JWT authenticator: it validates signed JWTs of one issuer and extracts the username and groups from them.")
@Group(ConciergeAuthenticationGroup.NAME)
@Version(ConciergeAuthenticationGroup.VERSION)
@Kind("JWTAuthenticator")
@Plural("jwtauthenticators")
@Singular("jwtauthenticator")
@Categories({"pinniped", "pinniped-authenticator", "pinniped-authenticators"})
@AdditionalPrinterColumn(
    name = "Issuer",
    jsonPath = ".spec.issuer",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Audience",
    jsonPath = ".spec.audience",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Status",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class JWTAuthenticator extends CustomResource<JWTAuthenticatorSpec, AuthenticatorStatus> {
  private static final long serialVersionUID = 1L;

  // Overridden only to mark the spec required in the generated CRD, as Pinniped's is.
  @Override
  @Required
  @JsonPropertyDescription("Spec for configuring the authenticator.")
  public JWTAuthenticatorSpec getSpec() {
    return super.getSpec();
  }
}

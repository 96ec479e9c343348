package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * GitHub (or a GitHub Enterprise Server) as an upstream identity provider of the Supervisor,
 * through a GitHub App or OAuth App; browser logins only. Namespaced.
 */
@JsonClassDescription(
    "GitHubIdentityProvider describes the configuration of an upstream GitHub identity provider, through a GitHub App or a GitHub OAuth2 App; only web-based logins are supported.")
@Group(SupervisorIdpGroup.NAME)
@Version(SupervisorIdpGroup.VERSION)
@Kind("GitHubIdentityProvider")
@Plural("githubidentityproviders")
@Singular("githubidentityprovider")
@Categories({"pinniped", "pinniped-idp", "pinniped-idps"})
@AdditionalPrinterColumn(
    name = "Host",
    jsonPath = ".spec.githubAPI.host",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Status",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class GitHubIdentityProvider
    extends CustomResource<GitHubIdentityProviderSpec, IdentityProviderStatus>
    implements Namespaced {
  private static final long serialVersionUID = 1L;

  // Overridden only to mark the spec required in the generated CRD, as Pinniped's is.
  @Override
  @Required
  @JsonPropertyDescription("Spec for configuring the identity provider.")
  public GitHubIdentityProviderSpec getSpec() {
    return super.getSpec();
  }
}

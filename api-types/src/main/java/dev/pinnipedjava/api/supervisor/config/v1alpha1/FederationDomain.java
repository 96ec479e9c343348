package dev.pinnipedjava.api.supervisor.config.v1alpha1;

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
 * An OIDC issuer served by the Supervisor, with the identity providers its users log in with and
 * the transformations applied to their identities. Namespaced (the Supervisor's namespace).
 */
@JsonClassDescription("FederationDomain describes the configuration of an OIDC provider.")
@Group(SupervisorConfigGroup.NAME)
@Version(SupervisorConfigGroup.VERSION)
@Kind("FederationDomain")
@Plural("federationdomains")
@Singular("federationdomain")
@Categories("pinniped")
@AdditionalPrinterColumn(
    name = "Issuer",
    jsonPath = ".spec.issuer",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Status",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class FederationDomain extends CustomResource<FederationDomainSpec, FederationDomainStatus>
    implements Namespaced {
  private static final long serialVersionUID = 1L;

  // Overridden only to mark the spec required in the generated CRD, as Pinniped's is.
  @Override
  @Required
  @JsonPropertyDescription("Spec of the OIDC provider.")
  public FederationDomainSpec getSpec() {
    return super.getSpec();
  }
}

package dev.pinnipedjava.api.supervisor.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pinnipedjava.api.schema.MetadataNamePattern;
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
 * A dynamic OAuth client of the Supervisor's FederationDomains in the same namespace. Its {@code
 * metadata.name} is its client ID and must start with {@code client.oauth.pinniped.dev-}; its
 * secrets are made with an OIDCClientSecretRequest. Namespaced (the Supervisor's namespace).
 */
@JsonClassDescription("OIDCClient describes the configuration of an OIDC client.")
@Group(SupervisorConfigGroup.NAME)
@Version(SupervisorConfigGroup.VERSION)
@Kind("OIDCClient")
@Plural("oidcclients")
@Singular("oidcclient")
@Categories("pinniped")
@MetadataNamePattern("^client\\.oauth\\.pinniped\\.dev-")
@AdditionalPrinterColumn(
    name = "Privileged Scopes",
    jsonPath = ".spec.allowedScopes[?(@ == \"pinniped:request-audience\")]",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Client Secrets",
    jsonPath = ".status.totalClientSecrets",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Status",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class OIDCClient extends CustomResource<OIDCClientSpec, OIDCClientStatus>
    implements Namespaced {
  private static final long serialVersionUID = 1L;

  // Overridden only to mark the spec required in the generated CRD, as Pinniped's is.
  @Override
  @Required
  @JsonPropertyDescription("Spec of the OIDC client.")
  public OIDCClientSpec getSpec() {
    return super.getSpec();
  }
}

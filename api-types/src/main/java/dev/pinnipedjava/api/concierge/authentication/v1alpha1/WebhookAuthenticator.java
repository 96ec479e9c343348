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
 * Configures the Concierge to authenticate tokens by sending a TokenReview to a webhook.
 * Cluster-scoped.
 */
@JsonClassDescription(
    "WebhookAuthenticator describes the configuration of a webhook authenticator.")
@Group(ConciergeAuthenticationGroup.NAME)
@Version(ConciergeAuthenticationGroup.VERSION)
@Kind("WebhookAuthenticator")
@Plural("webhookauthenticators")
@Singular("webhookauthenticator")
@Categories({"pinniped", "pinniped-authenticator", "pinniped-authenticators"})
@AdditionalPrinterColumn(
    name = "Endpoint",
    jsonPath = ".spec.endpoint",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Status",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class WebhookAuthenticator
    extends CustomResource<WebhookAuthenticatorSpec, AuthenticatorStatus> {
  private static final long serialVersionUID = 1L;

  // Overridden only to mark the spec required in the generated CRD, as Pinniped's is.
  @Override
  @Required
  @JsonPropertyDescription("Spec for configuring the authenticator.")
  public WebhookAuthenticatorSpec getSpec() {
    return super.getSpec();
  }
}

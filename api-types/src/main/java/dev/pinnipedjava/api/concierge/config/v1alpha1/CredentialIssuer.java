package dev.pinnipedjava.api.concierge.config.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The Concierge's configuration (impersonation proxy) and its report of how clients can get cluster
 * credentials. Cluster-scoped; the Concierge uses one, named {@link #DEFAULT_NAME} by default.
 */
@JsonClassDescription(
    "CredentialIssuer describes the configuration and status of the Pinniped Concierge credential issuer.")
@Group(ConciergeConfigGroup.NAME)
@Version(ConciergeConfigGroup.VERSION)
@Kind("CredentialIssuer")
@Plural("credentialissuers")
@Singular("credentialissuer")
@Categories("pinniped")
@AdditionalPrinterColumn(
    name = "ProxyMode",
    jsonPath = ".spec.impersonationProxy.mode",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "DefaultStrategy",
    jsonPath = ".status.strategies[?(@.status == \"Success\")].type",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class CredentialIssuer extends CustomResource<CredentialIssuerSpec, CredentialIssuerStatus> {
  /** The name the Concierge's deployment gives its CredentialIssuer. */
  public static final String DEFAULT_NAME = "pinniped-concierge-config";

  private static final long serialVersionUID = 1L;
}

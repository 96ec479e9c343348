package dev.pinnipedjava.api.concierge.authentication.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A key of a Secret or ConfigMap in the Concierge's namespace that holds a PEM CA bundle. */
public record CertificateAuthorityDataSourceSpec(
    @JsonPropertyDescription(
            "Kind configures whether the CA bundle is being sourced from a Kubernetes secret or a configmap. Allowed values are \"Secret\" or \"ConfigMap\". Secrets must be of type kubernetes.io/tls or Opaque.")
        @Required
        CertificateAuthorityDataSourceKind kind,
    @JsonPropertyDescription(
            "Name is the resource name of the secret or configmap from which to read the CA bundle. It must be in the namespace where Pinniped Concierge is installed.")
        @Required
        @Size(min = 1)
        String name,
    @JsonPropertyDescription(
            "Key is the key name within the secret or configmap from which to read the CA bundle. The value must be a non-empty PEM-encoded certificate bundle.")
        @Required
        @Size(min = 1)
        String key) {}

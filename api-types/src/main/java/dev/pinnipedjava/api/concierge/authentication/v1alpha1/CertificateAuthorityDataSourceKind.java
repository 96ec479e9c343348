package dev.pinnipedjava.api.concierge.authentication.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of object a CA bundle can be read from. */
public enum CertificateAuthorityDataSourceKind {
  @JsonProperty("Secret")
  SECRET,
  @JsonProperty("ConfigMap")
  CONFIG_MAP
}

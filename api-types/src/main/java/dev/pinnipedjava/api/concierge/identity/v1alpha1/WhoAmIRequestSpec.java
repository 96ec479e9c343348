package dev.pinnipedjava.api.concierge.identity.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Always empty: the request asks only "who am I". */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WhoAmIRequestSpec() {}

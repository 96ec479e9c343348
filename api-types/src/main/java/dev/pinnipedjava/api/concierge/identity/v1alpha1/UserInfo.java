package dev.pinnipedjava.api.concierge.identity.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes user, as in authentication.k8s.io's UserInfo.
 *
 * @param username the name Kubernetes authorizes
 * @param uid a unique id, when the authenticator gives one
 * @param groups the groups Kubernetes authorizes
 * @param extra further attributes, each a list of strings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserInfo(
    String username,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable String uid,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable List<String> groups,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable Map<String, List<String>> extra) {}

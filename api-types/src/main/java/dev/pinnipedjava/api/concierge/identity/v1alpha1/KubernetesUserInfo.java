package dev.pinnipedjava.api.concierge.identity.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The caller's identity exactly as Kubernetes understands it.
 *
 * @param user the authenticated user
 * @param audiences the audiences of the caller's token, when the authenticator reports them
 */
public record KubernetesUserInfo(
    UserInfo user, @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable List<String> audiences) {}

package dev.pinnipedjava.api.concierge.login.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a TokenCredentialRequest: a credential on success, a message on failure.
 *
 * @param credential set when the token was accepted
 * @param message set when it was not; the Concierge always says only "authentication failed"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenCredentialRequestStatus(
    @Nullable ClusterCredential credential, @Nullable String message) {}

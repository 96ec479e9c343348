/**
 * The Concierge's credential exchange API ({@code login.concierge.pinniped.dev/v1alpha1},
 * aggregated, cluster-scoped): a TokenCredentialRequest trades a token for a short-lived cluster
 * credential.
 */
@NullMarked
package dev.pinnipedjava.api.concierge.login.v1alpha1;

import org.jspecify.annotations.NullMarked;

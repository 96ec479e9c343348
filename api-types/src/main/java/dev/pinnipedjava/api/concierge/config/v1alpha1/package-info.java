/**
 * The Concierge's own configuration and status resource ({@code
 * config.concierge.pinniped.dev/v1alpha1}): the cluster-scoped CredentialIssuer.
 */
@NullMarked
package dev.pinnipedjava.api.concierge.config.v1alpha1;

import org.jspecify.annotations.NullMarked;

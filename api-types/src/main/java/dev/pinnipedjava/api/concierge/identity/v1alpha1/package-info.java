/**
 * The Concierge's identity echo API ({@code identity.concierge.pinniped.dev/v1alpha1}, aggregated,
 * cluster-scoped): a WhoAmIRequest returns the caller's identity as Kubernetes sees it.
 */
@NullMarked
package dev.pinnipedjava.api.concierge.identity.v1alpha1;

import org.jspecify.annotations.NullMarked;

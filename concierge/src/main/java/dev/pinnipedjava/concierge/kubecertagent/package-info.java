/**
 * The kube-cert-agent: a pod beside the kube-controller-manager that lets the Concierge read the
 * cluster's signing key, so that TokenCredentialRequests issue certificates the cluster accepts.
 */
@NullMarked
package dev.pinnipedjava.concierge.kubecertagent;

import org.jspecify.annotations.NullMarked;

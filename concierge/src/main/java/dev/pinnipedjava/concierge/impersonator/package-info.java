/**
 * The impersonation proxy: an HTTPS server that authenticates callers, then forwards their requests
 * (watches and upgraded exec/attach/port-forward streams included) to the kube-apiserver with its
 * own credentials and {@code Impersonate-*} headers naming the caller.
 */
@NullMarked
package dev.pinnipedjava.concierge.impersonator;

import org.jspecify.annotations.NullMarked;

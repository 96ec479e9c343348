/** Setting up the real kube-apiserver for Concierge integration tests: manifests and identities. */
@NullMarked
package dev.pinnipedjava.concierge.clusterfixture;

import org.jspecify.annotations.NullMarked;

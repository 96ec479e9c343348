/** Kubeconfig files that point kubectl and clients at the test API server. */
@NullMarked
package dev.pinnipedjava.testkit.kubeconfig;

import org.jspecify.annotations.NullMarked;

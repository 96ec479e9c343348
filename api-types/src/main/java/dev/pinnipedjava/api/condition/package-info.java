/** The status condition shape every Pinniped resource reports, as Kubernetes' metav1.Condition. */
@NullMarked
package dev.pinnipedjava.api.condition;

import org.jspecify.annotations.NullMarked;

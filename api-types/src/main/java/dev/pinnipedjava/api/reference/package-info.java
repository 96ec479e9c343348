/** References from one Kubernetes object to another in the same namespace, as core/v1 has them. */
@NullMarked
package dev.pinnipedjava.api.reference;

import org.jspecify.annotations.NullMarked;

/**
 * The build step that completes fabric8's generated CRDs into the committed manifests in {@code
 * deploy/*}{@code /crds}, and the tests that hold those manifests to the Java types and to a real
 * API server.
 */
@NullMarked
package dev.pinnipedjava.api.crd;

import org.jspecify.annotations.NullMarked;

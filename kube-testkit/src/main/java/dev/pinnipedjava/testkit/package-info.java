/** A real Kubernetes control plane for JUnit tests: the extension, its handle and kubectl. */
@NullMarked
package dev.pinnipedjava.testkit;

import org.jspecify.annotations.NullMarked;

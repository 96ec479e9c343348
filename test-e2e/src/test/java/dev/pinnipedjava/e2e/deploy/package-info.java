/**
 * Tests of the manifests in deploy/: static checks, and installs into a real Kubernetes API server.
 */
@NullMarked
package dev.pinnipedjava.e2e.deploy;

import org.jspecify.annotations.NullMarked;

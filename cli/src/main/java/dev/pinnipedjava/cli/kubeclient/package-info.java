/** Authenticated JSON requests to a Kubernetes API server and its Status errors. */
@NullMarked
package dev.pinnipedjava.cli.kubeclient;

import org.jspecify.annotations.NullMarked;

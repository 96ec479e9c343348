/**
 * Typed, versioned JSON documents kept in Kubernetes Secrets, named and labelled as Pinniped's
 * {@code crud} package does, so that sessions and tokens survive restarts and are shared by every
 * Supervisor replica.
 */
@NullMarked
package dev.pinnipedjava.supervisor.secretstore;

import org.jspecify.annotations.NullMarked;

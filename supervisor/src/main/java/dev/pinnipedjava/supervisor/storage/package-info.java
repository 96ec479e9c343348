/**
 * The Supervisor's session storage: authorization codes, PKCE challenges, OIDC sessions, access and
 * refresh tokens, each kind in Secrets of its own named, typed, labelled and garbage collected as
 * Pinniped's {@code fositestorage} packages keep them, so that a login survives restarts and is
 * shared by every replica.
 */
@NullMarked
package dev.pinnipedjava.supervisor.storage;

import org.jspecify.annotations.NullMarked;

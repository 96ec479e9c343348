/**
 * Completing a login, whatever the flow and the provider: the identity an upstream provider
 * asserted becomes a downstream session, stored under a new authorization code.
 */
@NullMarked
package dev.pinnipedjava.supervisor.login;

import org.jspecify.annotations.NullMarked;

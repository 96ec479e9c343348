/**
 * What the Supervisor remembers of a login: the downstream identity it issued tokens for, and the
 * upstream provider's data it needs to revalidate that identity on every refresh.
 */
@NullMarked
package dev.pinnipedjava.supervisor.session;

import org.jspecify.annotations.NullMarked;

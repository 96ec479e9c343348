/** The end of a stored session: its upstream tokens revoked and its collection audited. */
@NullMarked
package dev.pinnipedjava.supervisor.storage.gc;

import org.jspecify.annotations.NullMarked;

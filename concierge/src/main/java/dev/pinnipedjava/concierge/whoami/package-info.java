/** The WhoAmIRequest API: echoes the caller's identity. */
@NullMarked
package dev.pinnipedjava.concierge.whoami;

import org.jspecify.annotations.NullMarked;

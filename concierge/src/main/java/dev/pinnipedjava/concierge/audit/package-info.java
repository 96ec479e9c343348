/** Audit events of the Concierge, written as JSON lines. */
@NullMarked
package dev.pinnipedjava.concierge.audit;

import org.jspecify.annotations.NullMarked;

/** A single-worker queue of object syncs, with coalescing and retry backoff, for controllers. */
@NullMarked
package dev.pinnipedjava.concierge.workqueue;

import org.jspecify.annotations.NullMarked;

/** Deleting storage Secrets whose garbage collection time has passed. */
@NullMarked
package dev.pinnipedjava.supervisor.secretstore.gc;

import org.jspecify.annotations.NullMarked;

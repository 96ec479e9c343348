/** A server process' end: stopping its parts while Quarkus still runs them. */
@NullMarked
package dev.pinnipedjava.controller.lifecycle;

import org.jspecify.annotations.NullMarked;

/**
 * The Concierge's static configuration: the Pinniped-format config file, parsed once at start into
 * typed values.
 */
@NullMarked
package dev.pinnipedjava.concierge.config;

import org.jspecify.annotations.NullMarked;

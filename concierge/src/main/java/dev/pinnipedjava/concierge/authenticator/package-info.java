/**
 * Token authenticators and the cache, keyed by (apiGroup, kind, name), that controllers fill and
 * requests read.
 */
@NullMarked
package dev.pinnipedjava.concierge.authenticator;

import org.jspecify.annotations.NullMarked;

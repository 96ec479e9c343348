/**
 * Token authenticators, the cache, keyed by (apiGroup, kind, name), that controllers fill and
 * requests read, and the controller shared by every authenticator kind.
 */
@NullMarked
package dev.pinnipedjava.concierge.authenticator;

import org.jspecify.annotations.NullMarked;

/** Tests of sessions.yaml: normalization and lookup. */
@NullMarked
package dev.pinnipedjava.cli.sessioncache;

import org.jspecify.annotations.NullMarked;

/**
 * The launcher's fast path: cluster credentials it may print without starting the JVM, recorded by
 * the login commands and looked up by the same rules in the launcher and in {@code Main}.
 */
@NullMarked
package dev.pinnipedjava.cli.fastpath;

import org.jspecify.annotations.NullMarked;

/**
 * What every part a test starts on 127.0.0.1 needs: a run directory, free ports, a TLS identity,
 * setup commands, and the errors that say what is missing or what failed.
 */
@NullMarked
package dev.pinnipedjava.testkit.loopback;

import org.jspecify.annotations.NullMarked;

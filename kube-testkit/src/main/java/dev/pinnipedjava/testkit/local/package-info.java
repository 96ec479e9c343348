/** The command line that keeps a control plane running for the local stack. */
@NullMarked
package dev.pinnipedjava.testkit.local;

import org.jspecify.annotations.NullMarked;

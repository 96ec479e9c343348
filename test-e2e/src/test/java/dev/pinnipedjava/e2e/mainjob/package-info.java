/** The README's first command, hack/up.sh, and its stop command, hack/down.sh. */
@NullMarked
package dev.pinnipedjava.e2e.mainjob;

import org.jspecify.annotations.NullMarked;

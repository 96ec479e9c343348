/** Starting, finding and stopping the operating-system processes of the control plane. */
@NullMarked
package dev.pinnipedjava.testkit.process;

import org.jspecify.annotations.NullMarked;

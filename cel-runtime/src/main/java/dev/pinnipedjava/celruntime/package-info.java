/** Running CEL expressions within a time limit, for both servers. */
@NullMarked
package dev.pinnipedjava.celruntime;

import org.jspecify.annotations.NullMarked;

/** Tests of the ExecCredential protocol. */
@NullMarked
package dev.pinnipedjava.cli.execcredential;

import org.jspecify.annotations.NullMarked;

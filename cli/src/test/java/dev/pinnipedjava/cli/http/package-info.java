/** Tests of PEM reading and TLS settings. */
@NullMarked
package dev.pinnipedjava.cli.http;

import org.jspecify.annotations.NullMarked;

/** Tests of the choice of upstream identity provider from a Supervisor's list. */
@NullMarked
package dev.pinnipedjava.cli.supervisordiscovery;

import org.jspecify.annotations.NullMarked;

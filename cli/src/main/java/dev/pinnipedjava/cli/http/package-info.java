/** HTTP clients for the CLI: TLS profiles, trust roots from PEM bundles, client certificates. */
@NullMarked
package dev.pinnipedjava.cli.http;

import org.jspecify.annotations.NullMarked;

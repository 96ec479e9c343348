/** The WhoAmIRequest call and its text, JSON and YAML renderings. */
@NullMarked
package dev.pinnipedjava.cli.whoami;

import org.jspecify.annotations.NullMarked;

/** The cluster credential cache (credentials.yaml), keyed like Pinniped's so both CLIs agree. */
@NullMarked
package dev.pinnipedjava.cli.credentialcache;

import org.jspecify.annotations.NullMarked;

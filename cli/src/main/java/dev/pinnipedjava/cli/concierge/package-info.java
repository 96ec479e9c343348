/** The Concierge TokenCredentialRequest client that trades a token for a cluster credential. */
@NullMarked
package dev.pinnipedjava.cli.concierge;

import org.jspecify.annotations.NullMarked;

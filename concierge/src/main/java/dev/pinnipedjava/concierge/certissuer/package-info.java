/** Issues the short-lived client certificates that TokenCredentialRequest returns. */
@NullMarked
package dev.pinnipedjava.concierge.certissuer;

import org.jspecify.annotations.NullMarked;

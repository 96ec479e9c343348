/** The TokenCredentialRequest API: exchanges a token for a short-lived client certificate. */
@NullMarked
package dev.pinnipedjava.concierge.credentialrequest;

import org.jspecify.annotations.NullMarked;

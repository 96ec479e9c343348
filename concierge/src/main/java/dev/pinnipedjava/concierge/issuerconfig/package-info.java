/**
 * Keeps the CredentialIssuer's status: which credential strategies work and how clients reach them.
 */
@NullMarked
package dev.pinnipedjava.concierge.issuerconfig;

import org.jspecify.annotations.NullMarked;

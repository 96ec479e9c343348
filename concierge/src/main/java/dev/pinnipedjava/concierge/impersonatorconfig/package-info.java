/**
 * Runs the impersonation proxy as the CredentialIssuer asks: decides whether it should run, finds
 * its endpoint, keeps its serving and signing CAs in Secrets, and reports the strategy's status.
 */
@NullMarked
package dev.pinnipedjava.concierge.impersonatorconfig;

import org.jspecify.annotations.NullMarked;

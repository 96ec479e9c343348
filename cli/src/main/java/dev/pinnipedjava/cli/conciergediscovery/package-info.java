/**
 * Finding out from a cluster's API how clients reach its Concierge: the CredentialIssuer's working
 * strategy, the authenticator, and for a JWTAuthenticator its issuer, audience and CA.
 */
@NullMarked
package dev.pinnipedjava.cli.conciergediscovery;

import org.jspecify.annotations.NullMarked;

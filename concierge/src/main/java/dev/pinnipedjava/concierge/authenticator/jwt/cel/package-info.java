/** CEL rules and expressions that map a JWT's claims to a Kubernetes user and check both. */
@NullMarked
package dev.pinnipedjava.concierge.authenticator.jwt.cel;

import org.jspecify.annotations.NullMarked;

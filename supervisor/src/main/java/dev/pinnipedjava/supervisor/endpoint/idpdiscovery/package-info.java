/**
 * An issuer's identity provider discovery, {@code /v1alpha1/pinniped_identity_providers}: which
 * identity providers its users may log in with, and how.
 */
@NullMarked
package dev.pinnipedjava.supervisor.endpoint.idpdiscovery;

import org.jspecify.annotations.NullMarked;

/**
 * The Concierge's authenticator resources ({@code authentication.concierge.pinniped.dev/v1alpha1}):
 * JWTAuthenticator and WebhookAuthenticator, both cluster-scoped.
 */
@NullMarked
package dev.pinnipedjava.api.concierge.authentication.v1alpha1;

import org.jspecify.annotations.NullMarked;

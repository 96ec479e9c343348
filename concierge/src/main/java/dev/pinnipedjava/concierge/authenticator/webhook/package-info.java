/**
 * WebhookAuthenticator: validates the spec, probes the endpoint, and authenticates tokens by
 * sending TokenReviews to the webhook.
 */
@NullMarked
package dev.pinnipedjava.concierge.authenticator.webhook;

import org.jspecify.annotations.NullMarked;

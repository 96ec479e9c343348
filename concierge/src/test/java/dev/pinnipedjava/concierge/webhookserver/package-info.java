/** A TokenReview webhook on loopback for tests of WebhookAuthenticators. */
@NullMarked
package dev.pinnipedjava.concierge.webhookserver;

import org.jspecify.annotations.NullMarked;

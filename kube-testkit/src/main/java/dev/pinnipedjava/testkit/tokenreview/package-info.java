/** A TokenReview webhook on loopback for tests of WebhookAuthenticators. */
@NullMarked
package dev.pinnipedjava.testkit.tokenreview;

import org.jspecify.annotations.NullMarked;

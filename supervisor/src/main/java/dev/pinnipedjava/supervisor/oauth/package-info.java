/**
 * OAuth 2.0 as the Supervisor speaks it downstream: its clients and their redirect URIs, the
 * authorization request as parsed once at the edge, scope rules, and protocol errors as values
 * rendered in one place ({@link dev.pinnipedjava.supervisor.oauth.OAuthResponses}).
 */
@NullMarked
package dev.pinnipedjava.supervisor.oauth;

import org.jspecify.annotations.NullMarked;

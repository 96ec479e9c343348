/**
 * The aggregated API server's HTTPS edge: routing, content negotiation, caller authentication and
 * Kubernetes Status errors.
 */
@NullMarked
package dev.pinnipedjava.aggregatedapi.apiserver;

import org.jspecify.annotations.NullMarked;

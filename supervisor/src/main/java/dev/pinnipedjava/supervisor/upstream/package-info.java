/**
 * Upstream identity providers as the endpoints see them: one interface for every kind ({@link
 * dev.pinnipedjava.supervisor.upstream.UpstreamIdentityProvider}), its result types, and the
 * registry of validated providers that the controllers publish and the endpoints read.
 */
@NullMarked
package dev.pinnipedjava.supervisor.upstream;

import org.jspecify.annotations.NullMarked;

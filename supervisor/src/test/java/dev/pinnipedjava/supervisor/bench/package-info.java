/**
 * The Supervisor benchmark ({@code hack/bench-supervisor.sh}): refresh grants and token exchanges
 * against a Supervisor process of its own, beside Keycloak's refresh grant.
 */
@NullMarked
package dev.pinnipedjava.supervisor.bench;

import org.jspecify.annotations.NullMarked;

/**
 * FederationDomain identity transformations: CEL policies and username and groups transforms,
 * compiled once and applied in order at every login and every refresh.
 */
@NullMarked
package dev.pinnipedjava.supervisor.transform;

import org.jspecify.annotations.NullMarked;

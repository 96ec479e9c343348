/**
 * Process wiring: assembles the Concierge's parts from its configuration and runs them under
 * Quarkus.
 */
@NullMarked
package dev.pinnipedjava.concierge.server;

import org.jspecify.annotations.NullMarked;

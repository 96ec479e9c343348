/**
 * The running Supervisor: its HTTPS listener, the wiring of caches, controllers and endpoints, and
 * the Quarkus application around them.
 */
@NullMarked
package dev.pinnipedjava.supervisor.server;

import org.jspecify.annotations.NullMarked;

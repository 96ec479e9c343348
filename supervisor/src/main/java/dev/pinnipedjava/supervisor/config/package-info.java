/**
 * The Supervisor's static configuration: Pinniped's {@code pinniped.yaml} and the pod's downward
 * API files, parsed once at start into typed values.
 */
@NullMarked
package dev.pinnipedjava.supervisor.config;

import org.jspecify.annotations.NullMarked;

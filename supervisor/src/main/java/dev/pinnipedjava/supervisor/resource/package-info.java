/**
 * The Supervisor's API kinds under the configured API group suffix: how to address them, watch
 * them, and own objects with them.
 */
@NullMarked
package dev.pinnipedjava.supervisor.resource;

import org.jspecify.annotations.NullMarked;

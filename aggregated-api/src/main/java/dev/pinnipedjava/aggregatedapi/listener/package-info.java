/** Starting and stopping the servers' HTTPS listeners, synchronously and with clear errors. */
@NullMarked
package dev.pinnipedjava.aggregatedapi.listener;

import org.jspecify.annotations.NullMarked;

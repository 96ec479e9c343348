/** Leader election among a server's replicas: only the leader's controllers write. */
@NullMarked
package dev.pinnipedjava.controller.leaderelection;

import org.jspecify.annotations.NullMarked;

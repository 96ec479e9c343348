/** What a server's pod learns of itself through the downward API. */
@NullMarked
package dev.pinnipedjava.controller.podinfo;

import org.jspecify.annotations.NullMarked;

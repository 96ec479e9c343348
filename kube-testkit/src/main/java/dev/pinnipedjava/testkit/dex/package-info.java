/** Dex, the OIDC provider upstream of the Supervisor, run from its binary on 127.0.0.1. */
@NullMarked
package dev.pinnipedjava.testkit.dex;

import org.jspecify.annotations.NullMarked;

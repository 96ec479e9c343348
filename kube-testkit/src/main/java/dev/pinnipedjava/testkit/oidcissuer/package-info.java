/** A small OpenID provider that tests run in-process. */
@NullMarked
package dev.pinnipedjava.testkit.oidcissuer;

import org.jspecify.annotations.NullMarked;

/** X.509 certificate authorities, certificates and PEM encoding. */
@NullMarked
package dev.pinnipedjava.pki;

import org.jspecify.annotations.NullMarked;

/** Fully populated sample objects of every API kind, in Pinniped's wire form, and their tests. */
@NullMarked
package dev.pinnipedjava.api.sample;

import org.jspecify.annotations.NullMarked;

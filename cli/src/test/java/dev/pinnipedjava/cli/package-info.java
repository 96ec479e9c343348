/** Tests that run the built distribution with the real kubectl. */
@NullMarked
package dev.pinnipedjava.cli;

import org.jspecify.annotations.NullMarked;

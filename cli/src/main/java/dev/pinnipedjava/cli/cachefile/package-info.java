/**
 * A YAML cache file shared by concurrent processes: OS file lock, atomic replace, corrupt-file
 * reset.
 */
@NullMarked
package dev.pinnipedjava.cli.cachefile;

import org.jspecify.annotations.NullMarked;

/**
 * Renaming of Pinniped's API groups: every {@code <name>.pinniped.dev} group can be served as
 * {@code <name>.<suffix>}, so that several installations can share a cluster.
 */
@NullMarked
package dev.pinnipedjava.api.groupsuffix;

import org.jspecify.annotations.NullMarked;

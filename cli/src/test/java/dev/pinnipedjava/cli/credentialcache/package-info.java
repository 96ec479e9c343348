/** Tests of credentials.yaml: key hashing, pruning, corruption, permissions, concurrency. */
@NullMarked
package dev.pinnipedjava.cli.credentialcache;

import org.jspecify.annotations.NullMarked;

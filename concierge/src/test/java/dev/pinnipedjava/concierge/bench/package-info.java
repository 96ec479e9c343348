/** The Concierge benchmark, run on demand by hack/bench-concierge.sh (not part of the test run). */
@NullMarked
package dev.pinnipedjava.concierge.bench;

import org.jspecify.annotations.NullMarked;

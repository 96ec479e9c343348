/**
 * A small controller kernel on fabric8 informers: a controller is a name, a {@link
 * dev.pinnipedjava.controller.Syncer} and the caches it watches, each with a filter that maps
 * events to the keys to sync; a de-duplicating work queue with one worker retries failed syncs with
 * backoff and resyncs everything periodically.
 */
@NullMarked
package dev.pinnipedjava.controller;

import org.jspecify.annotations.NullMarked;

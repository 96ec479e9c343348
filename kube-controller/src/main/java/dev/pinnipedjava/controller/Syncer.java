package dev.pinnipedjava.controller;

/**
 * The logic of a controller: brings the world in line with the desired state of one key. Runs on
 * the controller's single worker thread, so never concurrently with itself.
 *
 * <p>Syncs must be idempotent: a key may be synced any number of times, and every key is synced
 * again at each periodic resync. Bad user configuration is not an exception: report it in status
 * and return. Throw only for failures that may pass (API errors, conflicts): the key is then synced
 * again after a backoff that grows with each consecutive failure.
 */
@FunctionalInterface
public interface Syncer {
  void sync(SyncContext context);
}

package dev.pinnipedjava.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A syncer that records the keys it is asked to sync and runs a configurable action for each. */
final class RecordingSyncer implements Syncer {
  private final List<Key> synced = new ArrayList<>();
  private volatile Consumer<SyncContext> action = context -> {};

  void onSync(Consumer<SyncContext> action) {
    this.action = action;
  }

  @Override
  public void sync(SyncContext context) {
    synchronized (this) {
      synced.add(context.key());
    }
    action.accept(context);
  }

  synchronized List<Key> synced() {
    return List.copyOf(synced);
  }

  synchronized long count(Key key) {
    return synced.stream().filter(key::equals).count();
  }
}

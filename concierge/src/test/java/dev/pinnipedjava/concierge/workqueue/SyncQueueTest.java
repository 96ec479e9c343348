package dev.pinnipedjava.concierge.workqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The queue's scheduling: de-duplication, and a change that overtakes a later sync. */
class SyncQueueTest {
  @Test
  void aChangeSeenWhileALaterSyncWaitsIsSyncedAtOnce() {
    List<String> syncs = new CopyOnWriteArrayList<>();
    try (SyncQueue queue =
        new SyncQueue(
            "test",
            key -> {
              syncs.add(key);
              return false;
            })) {
      // A retry or a periodic resync far ahead must not hold back a change seen now.
      queue.enqueueAfter("a", Duration.ofMinutes(5));
      queue.enqueue("a");

      await().atMost(Duration.ofSeconds(30)).until(() -> syncs.size() == 1);
      assertThat(syncs).containsExactly("a");
    }
  }

  @Test
  void requestsForAQueuedKeyShareOneSync() {
    List<String> syncs = new CopyOnWriteArrayList<>();
    try (SyncQueue queue =
        new SyncQueue(
            "test",
            key -> {
              syncs.add(key);
              return false;
            })) {
      queue.enqueueAfter("a", Duration.ofMillis(300));
      queue.enqueueAfter("a", Duration.ofMillis(200));
      queue.enqueueAfter("a", Duration.ofMinutes(5));

      await().atMost(Duration.ofSeconds(30)).until(() -> syncs.size() == 1);
      queue.enqueue("b");
      await().atMost(Duration.ofSeconds(30)).until(() -> syncs.size() == 2);
      assertThat(syncs).containsExactly("a", "b");
    }
  }
}

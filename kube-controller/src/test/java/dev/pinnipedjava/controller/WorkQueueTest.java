package dev.pinnipedjava.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  private static final Key A = Key.namespaced("ns", "a");
  private static final Key B = Key.namespaced("ns", "b");

  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong nanos = new AtomicLong();
  private final WorkQueue queue = new WorkQueue(timers, System::nanoTime);

  @AfterEach
  void stop() {
    queue.shutDown();
    timers.shutdownNow();
  }

  @Test
  void aKeyAddedTwiceIsQueuedOnce() throws InterruptedException {
    queue.add(A);
    queue.add(B);
    queue.add(A);

    assertThat(queue.size()).isEqualTo(2);
    assertThat(queue.take()).isEqualTo(A);
    assertThat(queue.take()).isEqualTo(B);
  }

  @Test
  void aKeyAddedWhileProcessedIsQueuedAgainWhenDone() throws InterruptedException {
    queue.add(A);
    assertThat(queue.take()).isEqualTo(A);

    queue.add(A);
    assertThat(queue.size()).as("not handed out while processed").isZero();

    queue.done(A);
    assertThat(queue.size()).isEqualTo(1);
    assertThat(queue.take()).isEqualTo(A);
  }

  @Test
  void aKeyNotAddedWhileProcessedIsNotQueuedAgain() throws InterruptedException {
    queue.add(A);
    queue.take();
    queue.done(A);

    assertThat(queue.size()).isZero();
  }

  @Test
  void aDelayedAddArrivesLater() {
    queue.addAfter(A, Duration.ofMillis(50));

    assertThat(queue.size()).isZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> queue.size() == 1);
  }

  @Test
  void aLaterDelayedAddDoesNotPostponeAnEarlierOne() {
    WorkQueue manual = new WorkQueue(timers, nanos::get);
    manual.addAfter(A, Duration.ofMillis(50));
    manual.addAfter(A, Duration.ofDays(1));

    await().atMost(Duration.ofSeconds(5)).until(() -> manual.size() == 1);
    manual.shutDown();
  }

  @Test
  void anEarlierDelayedAddReplacesALaterOne() {
    WorkQueue manual = new WorkQueue(timers, nanos::get);
    manual.addAfter(A, Duration.ofDays(1));
    manual.addAfter(A, Duration.ofMillis(50));

    await().atMost(Duration.ofSeconds(5)).until(() -> manual.size() == 1);
    manual.shutDown();
  }

  @Test
  void takeReturnsNullOnceShutDown() throws InterruptedException {
    queue.add(A);
    queue.shutDown();

    assertThat(queue.take()).isNull();
  }
}

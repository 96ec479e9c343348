package dev.pinnipedjava.aggregatedapi.listener;

import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Starts and stops a Vert.x HTTP server for callers that must know the outcome before they go on: a
 * server's start fails with the address it could not listen on, and its stop waits for open
 * requests up to a limit.
 */
public final class Listeners {
  private static final Logger LOG = Logger.getLogger(Listeners.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(5);

  private Listeners() {}

  /**
   * Listens and returns the port listened on.
   *
   * @param name what the log line and errors call the listener, such as "impersonation proxy"
   * @throws IllegalStateException when it cannot listen on {@code host:port}
   */
  public static int listen(HttpServer server, String name, String host, int port) {
    try {
      int actual =
          server
              .listen()
              .toCompletionStage()
              .toCompletableFuture()
              .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
              .actualPort();
      LOG.infof("%s listening on %s:%d", name, host, actual);
      return actual;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the " + name, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot listen on "
              + host
              + ":"
              + port
              + ": "
              + (e.getCause() == null ? e : e.getCause()),
          e);
    }
  }

  /**
   * Stops listening, waiting up to {@code timeout} for requests under way, and returns once {@code
   * host}'s port can be listened on again.
   */
  public static void close(HttpServer server, String name, String host, Duration timeout) {
    int port = server.actualPort();
    try {
      server
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (ExecutionException | TimeoutException e) {
      LOG.warnf("the %s did not close cleanly: %s", name, e.toString());
    }
    if (port > 0) {
      awaitReleased(name, host, port);
    }
  }

  // Vert.x completes the close before the event loop's selector has deregistered the listening
  // channel, and the JDK releases the socket only then: for a moment the port still accepts, and a
  // listener started again on it at once would fail.
  private static void awaitReleased(String name, String host, int port) {
    long deadline = System.nanoTime() + RELEASE_TIMEOUT.toNanos();
    while (true) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.setReuseAddress(true);
        probe.bind(new InetSocketAddress(host, port));
        return;
      } catch (IOException stillListening) {
        if (System.nanoTime() - deadline > 0) {
          LOG.warnf("%s:%d is still in use after the %s closed", host, port, name);
          return;
        }
        LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
      }
    }
  }
}

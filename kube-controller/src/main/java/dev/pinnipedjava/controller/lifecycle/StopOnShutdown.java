package dev.pinnipedjava.controller.lifecycle;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Stops a server process' running app while Quarkus shuts down (on the kubelet's SIGTERM), before
 * Quarkus closes the Kubernetes client the app uses: only then can the app hand its Lease over, so
 * that another replica leads at once instead of after the Lease expires. Stopping after {@code
 * Quarkus.waitForExit()} returned races with that shutdown and loses.
 */
@Singleton
public final class StopOnShutdown {
  private static final Logger LOG = Logger.getLogger(StopOnShutdown.class);

  private final AtomicReference<@Nullable AutoCloseable> running = new AtomicReference<>();

  /** The app to stop when Quarkus shuts down. */
  public void register(AutoCloseable app) {
    running.set(app);
  }

  void onShutdown(@Observes ShutdownEvent event) {
    AutoCloseable app = running.getAndSet(null);
    if (app == null) {
      return;
    }
    try {
      app.close();
    } catch (Exception e) {
      LOG.warnf("stopping %s failed: %s", app, e.toString());
    }
  }
}

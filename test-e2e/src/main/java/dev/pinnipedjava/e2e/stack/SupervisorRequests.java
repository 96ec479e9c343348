package dev.pinnipedjava.e2e.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the requests the in-process Supervisor received, by path, from its audit events (the
 * {@code HTTP Request Received} lines of its audit logger). Needs jboss-logging to log through
 * {@code java.util.logging} (system property {@code org.jboss.logging.provider=jdk}).
 */
public final class SupervisorRequests extends Handler {
  static final String AUDIT_LOGGER = "dev.pinnipedjava.supervisor.audit";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final Logger logger;

  private SupervisorRequests(Logger logger) {
    this.logger = logger;
  }

  static SupervisorRequests attach() {
    Logger logger = Logger.getLogger(AUDIT_LOGGER);
    SupervisorRequests requests = new SupervisorRequests(logger);
    logger.addHandler(requests);
    return requests;
  }

  /** How many requests have arrived so far for {@code path}. */
  public long count(String path) {
    return paths.stream().filter(path::equals).count();
  }

  @Override
  public void publish(LogRecord record) {
    String message = record.getMessage();
    if (message == null || !message.contains("HTTP Request Received")) {
      return;
    }
    try {
      JsonNode line = JSON.readTree(message);
      paths.add(line.path("path").asText());
    } catch (IOException e) {
      // Not an audit line.
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}

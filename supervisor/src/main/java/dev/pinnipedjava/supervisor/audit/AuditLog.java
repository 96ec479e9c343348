package dev.pinnipedjava.supervisor.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Writes audit events as JSON lines: {@code auditEvent: true}, {@code timestamp}, {@code level},
 * {@code message} (the event type), {@code auditID}, and the event's fields. Usernames and groups
 * go in {@code personalInfo}, redacted unless {@code logUsernamesAndGroups} is on. Thread-safe.
 */
public final class AuditLog {
  private static final Logger LOG = Logger.getLogger("dev.pinnipedjava.supervisor.audit");

  private final Consumer<String> sink;
  private final Clock clock;
  private final ObjectMapper json;
  private final boolean logUsernamesAndGroups;

  public AuditLog(
      Consumer<String> sink, Clock clock, ObjectMapper json, boolean logUsernamesAndGroups) {
    this.sink = sink;
    this.clock = clock;
    this.json = json;
    this.logUsernamesAndGroups = logUsernamesAndGroups;
  }

  /** Audit events as INFO lines of the {@code dev.pinnipedjava.supervisor.audit} logger. */
  public static AuditLog toLogger(Clock clock, ObjectMapper json, boolean logUsernamesAndGroups) {
    return new AuditLog(LOG::info, clock, json, logUsernamesAndGroups);
  }

  /**
   * Records {@code event}.
   *
   * @param fields its fields; values must not hold credentials (use {@link SafeParameters})
   */
  public void record(AuditEvent event, String auditId, Map<String, ?> fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("level", "info");
    line.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
    line.put("message", event.message());
    line.put("auditEvent", true);
    if (!auditId.isEmpty()) {
      line.put("auditID", auditId);
    }
    line.putAll(fields);
    try {
      sink.accept(json.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      LOG.warnf("cannot encode audit event %s", event.message());
    }
  }

  /** Records {@code event} with the identity of a login in {@code personalInfo}. */
  public void recordIdentity(
      AuditEvent event,
      String auditId,
      String username,
      List<String> groups,
      Map<String, ?> fields) {
    Map<String, Object> all = new LinkedHashMap<>(fields);
    Map<String, Object> personal = new LinkedHashMap<>();
    if (logUsernamesAndGroups) {
      personal.put("username", username);
      personal.put("groups", groups);
    } else {
      personal.put("username", "redacted");
      personal.put("groups", List.of("redacted " + groups.size() + " values"));
    }
    all.put("personalInfo", personal);
    record(event, auditId, all);
  }
}

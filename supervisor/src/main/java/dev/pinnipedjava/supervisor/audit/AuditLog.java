package dev.pinnipedjava.supervisor.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Writes audit events as JSON lines: {@code level}, {@code timestamp}, {@code message} (the event
 * type), {@code auditEvent: true}, {@code auditID}, {@code sessionID}, {@code personalInfo}, then
 * the event's other fields, as Pinniped orders them. Personal information (usernames, groups,
 * subjects, claims) is redacted unless {@code logUsernamesAndGroups} is on: a string becomes {@code
 * "redacted"}, a list {@code ["redacted N values"]}. Thread-safe.
 */
public final class AuditLog {
  private static final Logger LOG = Logger.getLogger("dev.pinnipedjava.supervisor.audit");
  private static final String SESSION_ID = "sessionID";

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
   * @param auditId the request's audit ID; empty for events of no request (the garbage collector)
   * @param fields its fields; values must not hold credentials (use {@link SafeParameters})
   */
  public void record(AuditEvent event, String auditId, Map<String, ?> fields) {
    recordPersonal(event, auditId, Map.of(), fields);
  }

  /**
   * Records {@code event} with personal information, which goes in {@code personalInfo}, redacted
   * unless usernames and groups are to be logged.
   *
   * @param personalInfo names and values, in the order to print them
   */
  public void recordPersonal(
      AuditEvent event, String auditId, Map<String, ?> personalInfo, Map<String, ?> fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("level", "info");
    line.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
    line.put("message", event.message());
    line.put("auditEvent", true);
    if (!auditId.isEmpty()) {
      line.put("auditID", auditId);
    }
    Object sessionId = fields.get(SESSION_ID);
    if (sessionId != null) {
      line.put(SESSION_ID, sessionId);
    }
    if (!personalInfo.isEmpty()) {
      Map<String, Object> personal = new LinkedHashMap<>();
      personalInfo.forEach(
          (name, value) -> personal.put(name, logUsernamesAndGroups ? value : redacted(value)));
      line.put("personalInfo", personal);
    }
    fields.forEach(line::putIfAbsent);
    try {
      sink.accept(json.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      LOG.warnf("cannot encode audit event %s", event.message());
    }
  }

  /** Records {@code event} with the username and groups of a login in {@code personalInfo}. */
  public void recordIdentity(
      AuditEvent event,
      String auditId,
      String username,
      List<String> groups,
      Map<String, ?> fields) {
    Map<String, Object> personal = new LinkedHashMap<>();
    personal.put("username", username);
    personal.put("groups", groups);
    recordPersonal(event, auditId, personal, fields);
  }

  private static Object redacted(Object value) {
    if (value instanceof Collection<?> values) {
      return List.of("redacted " + values.size() + " values");
    }
    if (value instanceof Map<?, ?> entries) {
      return "redacted " + entries.size() + " keys";
    }
    return "redacted";
  }
}

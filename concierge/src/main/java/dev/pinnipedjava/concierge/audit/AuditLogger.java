package dev.pinnipedjava.concierge.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes audit events as single JSON lines, in the shape of Pinniped's: {@code "auditEvent": true},
 * {@code message} = the event, the request's {@code auditID}, event fields, and {@code
 * personalInfo} (usernames and groups), which is redacted unless the config enables it. Callers
 * never pass credentials.
 */
public final class AuditLogger {
  private final Consumer<String> sink;
  private final Clock clock;
  private final boolean logPersonalInfo;
  private final ObjectMapper mapper;

  /**
   * @param sink receives each JSON line, for example standard output
   * @param logPersonalInfo {@code audit.logUsernamesAndGroups: enabled}
   */
  public AuditLogger(
      Consumer<String> sink, Clock clock, boolean logPersonalInfo, ObjectMapper mapper) {
    this.sink = sink;
    this.clock = clock;
    this.logPersonalInfo = logPersonalInfo;
    this.mapper = mapper;
  }

  /**
   * Writes one event.
   *
   * @param fields event details that are never personal data; values must be JSON-encodable
   * @param personalInfo usernames and groups, redacted unless enabled
   */
  public void log(
      AuditEvent event, String auditId, Map<String, ?> fields, Map<String, ?> personalInfo) {
    ObjectNode line = mapper.createObjectNode();
    line.put("level", "info");
    line.put(
        "timestamp",
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MICROS)));
    line.put("message", event.message());
    line.put("auditEvent", true);
    line.put("auditID", auditId);
    fields.forEach((key, value) -> line.set(key, mapper.valueToTree(value)));
    if (!personalInfo.isEmpty()) {
      ObjectNode personal = line.putObject("personalInfo");
      personalInfo.forEach(
          (key, value) ->
              personal.set(key, mapper.valueToTree(logPersonalInfo ? value : redacted(value))));
    }
    try {
      sink.accept(mapper.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode audit event " + event, e);
    }
  }

  /** Pinniped's redaction: a string becomes "redacted", a list says only how long it was. */
  private static Object redacted(Object value) {
    if (value instanceof Collection<?> values) {
      return values.isEmpty() ? values : List.of("redacted " + values.size() + " values");
    }
    return "redacted";
  }
}

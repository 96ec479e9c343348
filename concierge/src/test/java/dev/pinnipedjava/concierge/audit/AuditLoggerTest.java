package dev.pinnipedjava.concierge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditLoggerTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00.123456789Z"), ZoneOffset.UTC);

  private static Map<String, Object> personalInfo() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("username", "pat");
    info.put("groups", List.of("devs", "ops"));
    info.put("noGroups", List.of());
    return info;
  }

  @Test
  void writesOneJsonLineAndRedactsPersonalInfoByDefault() {
    List<String> lines = new ArrayList<>();
    AuditLogger audit = new AuditLogger(lines::add, CLOCK, false, new ObjectMapper());

    audit.log(
        AuditEvent.TOKEN_CREDENTIAL_REQUEST_AUTHENTICATED_USER,
        "id-1",
        Map.of("reason", "r"),
        personalInfo());

    assertThat(lines)
        .containsExactly(
            "{\"level\":\"info\",\"timestamp\":\"2026-01-01T00:00:00.123456Z\","
                + "\"message\":\"TokenCredentialRequest Authenticated User\",\"auditEvent\":true,"
                + "\"auditID\":\"id-1\",\"reason\":\"r\",\"personalInfo\":{\"username\":\"redacted\","
                + "\"groups\":[\"redacted 2 values\"],\"noGroups\":[]}}");
  }

  @Test
  void logsPersonalInfoWhenEnabled() {
    List<String> lines = new ArrayList<>();
    AuditLogger audit = new AuditLogger(lines::add, CLOCK, true, new ObjectMapper());

    audit.log(
        AuditEvent.TOKEN_CREDENTIAL_REQUEST_AUTHENTICATED_USER, "id-1", Map.of(), personalInfo());

    assertThat(lines.get(0))
        .endsWith(
            "\"personalInfo\":{\"username\":\"pat\",\"groups\":[\"devs\",\"ops\"],\"noGroups\":[]}}");
  }
}

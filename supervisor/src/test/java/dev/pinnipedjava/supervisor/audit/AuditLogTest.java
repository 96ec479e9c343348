package dev.pinnipedjava.supervisor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2030-01-02T03:04:05Z"), ZoneOffset.UTC);

  @Test
  void writesOneJsonLinePerEventWithPinnipedsFields() throws Exception {
    List<String> lines = new ArrayList<>();
    new AuditLog(lines::add, CLOCK, JSON, false)
        .record(AuditEvent.SESSION_STARTED, "audit-1", Map.of("sessionID", "s-1"));

    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).doesNotContain("\n");
    JsonNode line = JSON.readTree(lines.get(0));
    assertThat(line.path("auditEvent").asBoolean()).isTrue();
    assertThat(line.path("message").asText()).isEqualTo("Session Started");
    assertThat(line.path("timestamp").asText()).isEqualTo("2030-01-02T03:04:05Z");
    assertThat(line.path("level").asText()).isEqualTo("info");
    assertThat(line.path("auditID").asText()).isEqualTo("audit-1");
    assertThat(line.path("sessionID").asText()).isEqualTo("s-1");
  }

  @Test
  void personalInformationIsRedactedUnlessEnabled() throws Exception {
    List<String> redacted = new ArrayList<>();
    new AuditLog(redacted::add, CLOCK, JSON, false)
        .recordIdentity(
            AuditEvent.IDENTITY_FROM_UPSTREAM_IDP, "a", "alice", List.of("x", "y"), Map.of());
    List<String> shown = new ArrayList<>();
    new AuditLog(shown::add, CLOCK, JSON, true)
        .recordIdentity(
            AuditEvent.IDENTITY_FROM_UPSTREAM_IDP, "a", "alice", List.of("x", "y"), Map.of());

    assertThat(redacted.get(0)).doesNotContain("alice");
    assertThat(JSON.readTree(redacted.get(0)).path("personalInfo").toString())
        .isEqualTo("{\"username\":\"redacted\",\"groups\":[\"redacted 2 values\"]}");
    assertThat(JSON.readTree(shown.get(0)).path("personalInfo").toString())
        .isEqualTo("{\"username\":\"alice\",\"groups\":[\"x\",\"y\"]}");
  }

  @Test
  void onlyAllowListedParametersKeepTheirValues() {
    Map<String, Object> filtered =
        SafeParameters.filter(
            Map.of(
                "client_id", List.of("pinniped-cli"),
                "code", List.of("pin_ac_secret"),
                "code_verifier", List.of("verifier"),
                "refresh_token", List.of("pin_rt_secret"),
                "something_new", List.of("value"),
                "scope", List.of("openid", "groups")),
            SafeParameters.TOKEN_ENDPOINT);

    assertThat(filtered)
        .containsEntry("client_id", "pinniped-cli")
        .containsEntry("code", "redacted")
        .containsEntry("code_verifier", "redacted")
        .containsEntry("refresh_token", "redacted")
        .containsEntry("something_new", "redacted")
        .containsEntry("scope", List.of("openid", "groups"));
  }
}

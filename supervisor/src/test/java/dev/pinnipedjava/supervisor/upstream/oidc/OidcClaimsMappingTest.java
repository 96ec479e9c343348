package dev.pinnipedjava.supervisor.upstream.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinnipedjava.supervisor.upstream.UpstreamIdentity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OidcClaimsMappingTest {
  private static final String ISSUER = "https://idp.example.com/oidc";

  record Case(
      String name,
      OidcClaimsMapping mapping,
      Map<String, Object> claims,
      @Nullable String wantUsername,
      List<String> wantGroups,
      Map<String, Object> wantAdditional,
      @Nullable String wantError) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Map<String, Object> claims(Object... pairs) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", ISSUER);
    claims.put("sub", "user 1");
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      claims.put((String) pairs[i], pairs[i + 1]);
    }
    return claims;
  }

  private static OidcClaimsMapping mapping(@Nullable String username, @Nullable String groups) {
    return new OidcClaimsMapping(username, groups, Map.of());
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "default username is issuer and escaped subject",
            mapping(null, null),
            claims(),
            ISSUER + "?sub=user+1",
            List.of(),
            Map.of(),
            null),
        new Case(
            "email with verified email",
            mapping("email", null),
            claims("email", "a@example.com", "email_verified", true),
            "a@example.com",
            List.of(),
            Map.of(),
            null),
        new Case(
            "email without email_verified",
            mapping("email", null),
            claims("email", "a@example.com"),
            "a@example.com",
            List.of(),
            Map.of(),
            null),
        new Case(
            "email not verified",
            mapping("email", null),
            claims("email", "a@example.com", "email_verified", false),
            null,
            List.of(),
            Map.of(),
            "email_verified claim in upstream ID token has false value"),
        new Case(
            "email_verified not a boolean",
            mapping("email", null),
            claims("email", "a@example.com", "email_verified", "yes"),
            null,
            List.of(),
            Map.of(),
            "email_verified claim in upstream ID token has invalid format"),
        new Case(
            "username claim missing",
            mapping("preferred_username", null),
            claims(),
            null,
            List.of(),
            Map.of(),
            "required claim in upstream ID token missing"),
        new Case(
            "username claim not a string",
            mapping("preferred_username", null),
            claims("preferred_username", 42),
            null,
            List.of(),
            Map.of(),
            "required claim in upstream ID token has invalid format"),
        new Case(
            "username claim empty",
            mapping("preferred_username", null),
            claims("preferred_username", ""),
            null,
            List.of(),
            Map.of(),
            "required claim in upstream ID token is empty"),
        new Case(
            "groups as a string",
            mapping(null, "groups"),
            claims("groups", "admins"),
            ISSUER + "?sub=user+1",
            List.of("admins"),
            Map.of(),
            null),
        new Case(
            "groups as an array",
            mapping(null, "groups"),
            claims("groups", List.of("a", "b")),
            ISSUER + "?sub=user+1",
            List.of("a", "b"),
            Map.of(),
            null),
        new Case(
            "groups claim absent",
            mapping(null, "groups"),
            claims(),
            ISSUER + "?sub=user+1",
            List.of(),
            Map.of(),
            null),
        new Case(
            "groups of numbers",
            mapping(null, "groups"),
            claims("groups", List.of(1, 2)),
            null,
            List.of(),
            Map.of(),
            "groups claim in upstream ID token has invalid format"),
        new Case(
            "groups as an object",
            mapping(null, "groups"),
            claims("groups", Map.of("a", "b")),
            null,
            List.of(),
            Map.of(),
            "groups claim in upstream ID token has invalid format"),
        new Case(
            "missing subject",
            mapping(null, null),
            Map.of("iss", ISSUER),
            null,
            List.of(),
            Map.of(),
            "required claim in upstream ID token missing"),
        new Case(
            "additional claims mapped when present",
            new OidcClaimsMapping(null, null, Map.of("dept", "department", "missing", "nope")),
            claims("department", "research"),
            ISSUER + "?sub=user+1",
            List.of(),
            Map.of("dept", "research"),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mapsClaimsAsPinnipedDoes(Case test) throws Exception {
    if (test.wantError() != null) {
      assertThatThrownBy(() -> test.mapping().identity(test.claims(), "My IDP"))
          .isInstanceOf(OidcClaimsMapping.InvalidClaimsException.class)
          .hasMessage(test.wantError());
      return;
    }
    UpstreamIdentity identity = test.mapping().identity(test.claims(), "My IDP");
    assertThat(identity.username()).isEqualTo(test.wantUsername());
    assertThat(identity.groups()).isEqualTo(test.wantGroups());
    assertThat(identity.additionalClaims()).isEqualTo(test.wantAdditional());
    assertThat(identity.subject()).isEqualTo(ISSUER + "?idpName=My+IDP&sub=user+1");
  }
}

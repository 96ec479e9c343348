package dev.pinnipedjava.concierge.authenticator.jwt.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTAuthenticatorSpec;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTClaimValidationRule;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTExtraMapping;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTTokenClaims;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTUserValidationRule;
import dev.pinnipedjava.testkit.clock.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IdentityRulesTest {
  private static final IdentityRulesCompiler COMPILER =
      new IdentityRulesCompiler(IdentityRulesCompiler.DEFAULT_MAX_RUNTIME, Clock.systemUTC());

  private static final Map<String, Object> CLAIMS =
      Map.of(
          "sub",
          "1234",
          "email",
          "pat@example.com",
          "hd",
          "example.com",
          "age",
          42,
          "roles",
          List.of("dev", "ops"),
          "address",
          Map.of("country", "NZ"));

  /**
   * A spec, and either the user it must map {@link #CLAIMS} to (username "pat" when the spec has no
   * username expression) or the failure it must report.
   */
  record Case(
      String name,
      @Nullable JWTTokenClaims claims,
      List<JWTClaimValidationRule> claimRules,
      List<JWTUserValidationRule> userRules,
      @Nullable KubernetesUser wantUser,
      @Nullable String wantFailure) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case maps(String name, JWTTokenClaims claims, KubernetesUser want) {
    return new Case(name, claims, List.of(), List.of(), want, null);
  }

  static Case fails(String name, JWTTokenClaims claims, String want) {
    return new Case(name, claims, List.of(), List.of(), null, want);
  }

  static Case claimRule(String name, JWTClaimValidationRule rule, @Nullable String wantFailure) {
    return new Case(
        name,
        null,
        List.of(rule),
        List.of(),
        wantFailure == null ? user("pat", List.of()) : null,
        wantFailure);
  }

  static Case userRule(String name, JWTUserValidationRule rule, @Nullable String wantFailure) {
    return new Case(
        name,
        null,
        List.of(),
        List.of(rule),
        wantFailure == null ? user("pat", List.of()) : null,
        wantFailure);
  }

  static JWTTokenClaims expressions(
      @Nullable String username, @Nullable String groups, @Nullable String uid) {
    return new JWTTokenClaims(null, null, username, groups, null, uid, null);
  }

  static JWTTokenClaims extra(String... keysAndExpressions) {
    List<JWTExtraMapping> mappings = new ArrayList<>();
    for (int i = 0; i < keysAndExpressions.length; i += 2) {
      mappings.add(new JWTExtraMapping(keysAndExpressions[i], keysAndExpressions[i + 1]));
    }
    return new JWTTokenClaims(null, null, null, null, null, null, mappings);
  }

  static KubernetesUser user(String name, List<String> groups) {
    return KubernetesUser.of(name, groups);
  }

  static Stream<Case> cases() {
    return Stream.of(
        maps(
            "username, groups and uid expressions",
            expressions("'oidc:' + claims.email", "claims.roles.map(r, 'role:' + r)", "claims.sub"),
            new KubernetesUser(
                "oidc:pat@example.com", "1234", List.of("role:dev", "role:ops"), Map.of())),
        maps(
            "groups expression giving one string",
            expressions(null, "claims.hd", null),
            user("pat", List.of("example.com"))),
        maps(
            "groups expression giving an empty string",
            expressions(null, "''", null),
            user("pat", List.of())),
        maps(
            "nested claim and has()",
            expressions("has(claims.address) ? claims.address.country : 'none'", null, null),
            user("NZ", List.of())),
        maps(
            "uid claim by name",
            new JWTTokenClaims(null, null, null, null, "sub", null, null),
            new KubernetesUser("pat", "1234", List.of(), Map.of())),
        maps(
            "extra values; an empty one is left out",
            extra(
                "example.org/domain", "claims.hd",
                "example.org/roles", "claims.roles",
                "example.org/none", "[]"),
            new KubernetesUser(
                "pat",
                "",
                List.of(),
                Map.of(
                    "example.org/domain", List.of("example.com"),
                    "example.org/roles", List.of("dev", "ops")))),
        fails(
            "username expression over a missing claim",
            expressions("claims.missing", null, null),
            "spec.claims.usernameExpression: evaluation failed"),
        fails(
            "username expression giving an int at runtime",
            expressions("claims.age", null, null),
            "spec.claims.usernameExpression: expression did not return a string"),
        fails(
            "username expression giving an empty string",
            expressions("claims.hd.substring(0, 0)", null, null),
            "expression returned an empty username"),
        fails(
            "groups expression giving a list of ints",
            expressions(null, "[claims.age]", null),
            "spec.claims.groupsExpression: expression returned a list holding a non-string"),
        fails(
            "uid claim that is not a string",
            new JWTTokenClaims(null, null, null, null, "age", null, null),
            "claim \"age\" is not a string"),
        claimRule(
            "required claim value present",
            new JWTClaimValidationRule("hd", "example.com", null, null),
            null),
        claimRule(
            "required claim value differs",
            new JWTClaimValidationRule("hd", "other.com", null, null),
            "claim \"hd\" does not have the required value \"other.com\""),
        claimRule(
            "required claim missing",
            new JWTClaimValidationRule("tenant", "a", null, null),
            "claim \"tenant\" does not have the required value \"a\""),
        claimRule(
            "claim expression true",
            new JWTClaimValidationRule(null, null, "claims.age > 18", null),
            null),
        claimRule(
            "claim expression false with its message",
            new JWTClaimValidationRule(null, null, "claims.age < 18", "too old"),
            "too old"),
        claimRule(
            "claim expression false without a message",
            new JWTClaimValidationRule(null, null, "'admin' in claims.roles", null),
            "spec.claimValidationRules[0]: expression \"'admin' in claims.roles\" evaluated to"
                + " false"),
        claimRule(
            "claim expression failing at runtime",
            new JWTClaimValidationRule(null, null, "claims.missing == 'x'", null),
            "spec.claimValidationRules[0].expression: evaluation failed"),
        claimRule(
            "claim expression giving a string at runtime",
            new JWTClaimValidationRule(null, null, "claims.hd", null),
            "spec.claimValidationRules[0].expression: expression did not return a bool"),
        userRule(
            "user rule true",
            new JWTUserValidationRule("user.username == 'pat' && size(user.groups) == 0", null),
            null),
        userRule(
            "user rule false",
            new JWTUserValidationRule("user.uid != ''", "a uid is required"),
            "a uid is required"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void map(Case testCase) throws RuleFailure {
    IdentityRules rules =
        compiled(
            new JWTAuthenticatorSpec(
                "https://issuer",
                "aud",
                testCase.claims(),
                null,
                testCase.claimRules(),
                testCase.userRules()),
            COMPILER);

    if (testCase.wantUser() != null) {
      assertThat(map(rules, CLAIMS)).isEqualTo(testCase.wantUser());
    } else {
      assertThatThrownBy(() -> map(rules, CLAIMS))
          .isInstanceOf(RuleFailure.class)
          .hasMessageContaining(String.valueOf(testCase.wantFailure()));
    }
  }

  @Test
  void anExpressionRunningPastItsLimitFails() {
    // Each look at the clock moves it a second on: the limit of one millisecond is passed at the
    // first check.
    IdentityRulesCompiler slow =
        new IdentityRulesCompiler(
            Duration.ofMillis(1),
            MutableClock.ticking(Instant.parse("2026-01-02T03:04:05Z"), Duration.ofSeconds(1)));
    IdentityRules rules =
        compiled(
            new JWTAuthenticatorSpec(
                "https://issuer",
                "aud",
                null,
                null,
                List.of(
                    new JWTClaimValidationRule(
                        null, null, "claims.numbers.map(n, n * 2).all(n, n >= 0)", null)),
                null),
            slow);
    Map<String, Object> claims = new HashMap<>(CLAIMS);
    claims.put("numbers", LongStream.range(0, 10_000).boxed().toList());

    assertThatThrownBy(() -> rules.checkClaims(CelClaims.of(claims)))
        .isInstanceOf(RuleFailure.class)
        .hasMessageContaining("did not finish within its limit of 1ms");
  }

  @Test
  void jsonNumbersAndNullsBecomeCelValues() throws RuleFailure {
    Map<String, Object> claims = new HashMap<>(CLAIMS);
    claims.put("ratio", 0.5f);
    claims.put("nothing", null);
    IdentityRules rules =
        compiled(
            new JWTAuthenticatorSpec(
                "https://issuer",
                "aud",
                null,
                null,
                List.of(
                    new JWTClaimValidationRule(
                        null,
                        null,
                        "claims.age == 42 && claims.ratio == 0.5 && claims.nothing == null",
                        null)),
                null),
            COMPILER);

    rules.checkClaims(CelClaims.of(claims));
  }

  /** What JwtTokenAuthenticator does with the rules, with "pat" as the username claim's value. */
  private static KubernetesUser map(IdentityRules rules, Map<String, Object> json)
      throws RuleFailure {
    CelClaims claims = CelClaims.of(json);
    rules.checkClaims(claims);
    KubernetesUser user =
        new KubernetesUser(
            rules.mapsUsername() ? rules.username(claims) : "pat",
            rules.uid(claims),
            rules.mapsGroups() ? rules.groups(claims) : List.of(),
            rules.extra(claims));
    rules.checkUser(user);
    return user;
  }

  private static IdentityRules compiled(JWTAuthenticatorSpec spec, IdentityRulesCompiler compiler) {
    IdentityRulesCompiler.Compilation compilation = compiler.compile(spec);
    assertThat(compilation).isInstanceOf(IdentityRulesCompiler.Compilation.Compiled.class);
    return ((IdentityRulesCompiler.Compilation.Compiled) compilation).rules();
  }
}

package dev.pinnipedjava.concierge.authenticator.jwt.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTAuthenticatorSpec;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTClaimValidationRule;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTExtraMapping;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTTokenClaims;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTUserValidationRule;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IdentityRulesCompilerTest {
  private static final IdentityRulesCompiler COMPILER =
      new IdentityRulesCompiler(IdentityRulesCompiler.DEFAULT_MAX_RUNTIME, Clock.systemUTC());

  /** A spec and the error it must give, or null when it must compile. */
  record Case(String name, JWTAuthenticatorSpec spec, @Nullable String wantError) {
    @Override
    public String toString() {
      return name;
    }
  }

  static JWTAuthenticatorSpec claims(JWTTokenClaims claims) {
    return new JWTAuthenticatorSpec("https://issuer", "aud", claims, null, null, null);
  }

  static JWTAuthenticatorSpec claimRule(JWTClaimValidationRule rule) {
    return new JWTAuthenticatorSpec("https://issuer", "aud", null, null, List.of(rule), null);
  }

  static JWTAuthenticatorSpec userRule(String expression) {
    return new JWTAuthenticatorSpec(
        "https://issuer",
        "aud",
        null,
        null,
        null,
        List.of(new JWTUserValidationRule(expression, null)));
  }

  static JWTTokenClaims usernameExpression(String expression) {
    return new JWTTokenClaims(null, null, expression, null, null, null, null);
  }

  static JWTTokenClaims groupsExpression(String expression) {
    return new JWTTokenClaims(null, null, null, expression, null, null, null);
  }

  static JWTTokenClaims extra(String key, String expression) {
    return new JWTTokenClaims(
        null, null, null, null, null, null, List.of(new JWTExtraMapping(key, expression)));
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("no rules", new JWTAuthenticatorSpec("https://issuer", "aud", null, null), null),
        new Case("username expression", claims(usernameExpression("claims.sub")), null),
        new Case(
            "username expression of string type",
            claims(usernameExpression("'u:' + string(claims.sub)")),
            null),
        new Case(
            "username expression returning an int",
            claims(usernameExpression("1 + 2")),
            "spec.claims.usernameExpression: must return string, but returns int"),
        new Case(
            "username expression that does not compile",
            claims(usernameExpression("claims.sub +")),
            "spec.claims.usernameExpression: compilation failed"),
        new Case(
            "username expression with an unknown variable",
            claims(usernameExpression("token.sub")),
            "spec.claims.usernameExpression: compilation failed"),
        new Case(
            "username claim and expression together",
            claims(new JWTTokenClaims(null, "email", "claims.sub", null, null, null, null)),
            "spec.claims: username and usernameExpression are mutually exclusive"),
        new Case("groups expression as a list", claims(groupsExpression("['a', 'b']")), null),
        new Case(
            "groups expression returning a map",
            claims(groupsExpression("{'a': 'b'}")),
            "spec.claims.groupsExpression: must return string or list(string) or list(dyn), but"
                + " returns map(string, string)"),
        new Case(
            "uid claim and expression together",
            claims(new JWTTokenClaims(null, null, null, null, "sub", "claims.sub", null)),
            "spec.claims: uid and uidExpression are mutually exclusive"),
        new Case("extra", claims(extra("example.org/dept", "claims.dept")), null),
        new Case(
            "extra key without a domain",
            claims(extra("dept", "claims.dept")),
            "spec.claims.extra[0].key: \"dept\" must be a domain-prefixed path"),
        new Case(
            "extra key in a reserved domain",
            claims(extra("authentication.kubernetes.io/x", "claims.dept")),
            "uses the reserved domain kubernetes.io"),
        new Case(
            "extra key in upper case",
            claims(extra("example.org/Dept", "claims.dept")),
            "must be lower case"),
        new Case(
            "extra value of bool type",
            claims(extra("example.org/dept", "true")),
            "spec.claims.extra[0].valueExpression: must return string or list(string)"),
        new Case(
            "claim rule with a required value",
            claimRule(new JWTClaimValidationRule("hd", "example.com", null, null)),
            null),
        new Case(
            "claim rule expression",
            claimRule(new JWTClaimValidationRule(null, null, "claims.hd == 'example.com'", "m")),
            null),
        new Case(
            "claim rule expression returning a string",
            claimRule(new JWTClaimValidationRule(null, null, "'yes'", null)),
            "spec.claimValidationRules[0].expression: must return bool, but returns string"),
        new Case(
            "claim rule with both claim and expression",
            claimRule(new JWTClaimValidationRule("hd", "x", "true", null)),
            "spec.claimValidationRules[0]: exactly one of claim and expression is required"),
        new Case(
            "claim rule with neither claim nor expression",
            claimRule(new JWTClaimValidationRule(null, "x", null, null)),
            "spec.claimValidationRules[0]: exactly one of claim and expression is required"),
        new Case(
            "claim rule expression with a required value",
            claimRule(new JWTClaimValidationRule(null, "x", "true", null)),
            "spec.claimValidationRules[0].requiredValue: only allowed with claim"),
        new Case("user rule", userRule("!user.username.startsWith('admin')"), null),
        new Case(
            "user rule over claims",
            userRule("claims.sub == 'x'"),
            "spec.userValidationRules[0].expression: compilation failed"),
        new Case(
            "user rule returning a list",
            userRule("user.groups"),
            null /* dyn: the map's values are dyn, decided when it runs */),
        new Case(
            "user rule returning an int",
            userRule("size(user.groups)"),
            "spec.userValidationRules[0].expression: must return bool, but returns int"),
        new Case("empty user rule", userRule(" "), "expression is empty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void compile(Case testCase) {
    IdentityRulesCompiler.Compilation compilation = COMPILER.compile(testCase.spec());

    if (testCase.wantError() == null) {
      assertThat(compilation).isInstanceOf(IdentityRulesCompiler.Compilation.Compiled.class);
    } else {
      assertThat(compilation).isInstanceOf(IdentityRulesCompiler.Compilation.Invalid.class);
      assertThat(((IdentityRulesCompiler.Compilation.Invalid) compilation).errors())
          .singleElement()
          .asString()
          .contains(testCase.wantError());
    }
  }

  @org.junit.jupiter.api.Test
  void rulesCompiledFromEqualSpecsAreTheSameAndDifferFromOthers() {
    IdentityRules first = compiled(claims(usernameExpression("claims.sub")));
    IdentityRules second = compiled(claims(usernameExpression("claims.sub")));
    IdentityRules other = compiled(claims(usernameExpression("claims.email")));

    assertThat(first.sameAs(second)).isTrue();
    assertThat(first.sameAs(other)).isFalse();
    assertThat(first.sameAs(IdentityRules.none())).isFalse();
  }

  private static IdentityRules compiled(JWTAuthenticatorSpec spec) {
    return ((IdentityRulesCompiler.Compilation.Compiled) COMPILER.compile(spec)).rules();
  }
}

package dev.pinnipedjava.supervisor.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransformsConstant;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransformsExpression;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.TransformsConstantType;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.TransformsExpressionType;
import dev.pinnipedjava.testkit.clock.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IdentityTransformsTest {
  private static final CelTransformCompiler COMPILER =
      new CelTransformCompiler(CelTransformCompiler.DEFAULT_MAX_RUNTIME, Clock.systemUTC());
  private static final TransformConstants CONSTANTS =
      TransformConstants.of(
          List.of(
              new FederationDomainTransformsConstant(
                  "prefix", TransformsConstantType.STRING, "corp:", null),
              new FederationDomainTransformsConstant(
                  "admins", TransformsConstantType.STRING_LIST, null, List.of("alice", "carol")),
              new FederationDomainTransformsConstant(
                  "empty", TransformsConstantType.STRING_LIST, null, null)));

  private static FederationDomainTransformsExpression username(String expression) {
    return new FederationDomainTransformsExpression(
        TransformsExpressionType.USERNAME_V1, expression, null);
  }

  private static FederationDomainTransformsExpression groups(String expression) {
    return new FederationDomainTransformsExpression(
        TransformsExpressionType.GROUPS_V1, expression, null);
  }

  private static FederationDomainTransformsExpression policy(
      String expression, @Nullable String message) {
    return new FederationDomainTransformsExpression(
        TransformsExpressionType.POLICY_V1, expression, message);
  }

  private static IdentityTransforms compiled(
      CelTransformCompiler compiler, FederationDomainTransformsExpression... expressions) {
    CelTransformCompiler.Compilation compilation =
        compiler.compile(List.of(expressions), CONSTANTS);
    assertThat(compilation)
        .as("%s", compilation)
        .isInstanceOf(CelTransformCompiler.Compilation.Compiled.class);
    return ((CelTransformCompiler.Compilation.Compiled) compilation).transforms();
  }

  record Case(
      String name,
      List<FederationDomainTransformsExpression> expressions,
      String username,
      List<String> groups,
      TransformResult want) {}

  static Stream<Case> evaluations() {
    return Stream.of(
        new Case(
            "no expressions sort and de-duplicate the groups",
            List.of(),
            "alice",
            List.of("b", "a", "b"),
            new TransformResult.Allowed("alice", List.of("a", "b"))),
        new Case(
            "username transform",
            List.of(username("\"pre:\" + username")),
            "alice",
            List.of("devs"),
            new TransformResult.Allowed("pre:alice", List.of("devs"))),
        new Case(
            "groups transform with a macro",
            List.of(groups("groups.map(g, \"pre:\" + g)")),
            "alice",
            List.of("devs", "ops"),
            new TransformResult.Allowed("alice", List.of("pre:devs", "pre:ops"))),
        new Case(
            "groups transform result is sorted and de-duplicated",
            List.of(groups("groups + [\"ops\", \"admins\", \"ops\"]")),
            "alice",
            List.of("ops"),
            new TransformResult.Allowed("alice", List.of("admins", "ops"))),
        new Case(
            "string constant",
            List.of(username("strConst.prefix + username")),
            "alice",
            List.of(),
            new TransformResult.Allowed("corp:alice", List.of())),
        new Case(
            "string list constants, an empty one too",
            List.of(groups("strListConst.admins + strListConst.empty")),
            "alice",
            List.of("devs"),
            new TransformResult.Allowed("alice", List.of("alice", "carol"))),
        new Case(
            "strings extension",
            List.of(username("username.upperAscii().replace(\"@EXAMPLE.COM\", \"\")")),
            "alice@example.com",
            List.of(),
            new TransformResult.Allowed("ALICE", List.of())),
        new Case(
            "a policy that allows passes the identity on",
            List.of(policy("username in strListConst.admins", "admins only")),
            "carol",
            List.of("x"),
            new TransformResult.Allowed("carol", List.of("x"))),
        new Case(
            "a policy that rejects gives its message",
            List.of(policy("username in strListConst.admins", "admins only")),
            "bob",
            List.of(),
            new TransformResult.Rejected("admins only")),
        new Case(
            "a policy without a message gives the default one",
            List.of(policy("false", null)),
            "bob",
            List.of(),
            new TransformResult.Rejected("authentication was rejected by a configured policy")),
        new Case(
            "an empty message is no message",
            List.of(policy("false", "")),
            "bob",
            List.of(),
            new TransformResult.Rejected("authentication was rejected by a configured policy")),
        new Case(
            "the first rejection stops the pipeline",
            List.of(policy("false", "first"), username("string(1 / 0)"), policy("false", "second")),
            "bob",
            List.of(),
            new TransformResult.Rejected("first")),
        new Case(
            "expressions see the results of the expressions before them",
            List.of(
                username("\"corp:\" + username"),
                groups("groups.filter(g, g != \"interns\")"),
                policy("username.startsWith(\"corp:\") && !(\"interns\" in groups)", "nope")),
            "alice",
            List.of("interns", "devs"),
            new TransformResult.Allowed("corp:alice", List.of("devs"))),
        new Case(
            "groups transform sees the groups as a list",
            List.of(groups("size(groups) > 1 ? [groups[0]] : []")),
            "alice",
            List.of("one", "two"),
            new TransformResult.Allowed("alice", List.of("one"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("evaluations")
  void evaluates(Case c) throws TransformException {
    IdentityTransforms transforms =
        compiled(COMPILER, c.expressions().toArray(FederationDomainTransformsExpression[]::new));

    assertThat(transforms.apply(c.username(), c.groups())).isEqualTo(c.want());
  }

  record CompileCase(String name, FederationDomainTransformsExpression expression, String want) {}

  static Stream<CompileCase> compileErrors() {
    return Stream.of(
        new CompileCase(
            "undeclared variable",
            username("user"),
            "CEL expression compile error: ERROR: <input>:1:1: undeclared reference to 'user'"),
        new CompileCase(
            "syntax error", policy("username ==", null), "CEL expression compile error: ERROR:"),
        new CompileCase(
            "username expression returning bool",
            username("username == \"a\""),
            "CEL expression should return type \"string\" but returns type \"bool\""),
        new CompileCase(
            "groups expression returning a string",
            groups("username"),
            "CEL expression should return type \"list(string)\" but returns type \"string\""),
        new CompileCase(
            "policy returning an int",
            policy("size(groups)", null),
            "CEL expression should return type \"bool\" but returns type \"int\""),
        new CompileCase(
            "a list literal mixing types",
            groups("[\"a\", 1].map(x, string(x))"),
            "CEL expression compile error: ERROR:"),
        new CompileCase("blank expression", username("  "), "cannot compile empty CEL expression"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("compileErrors")
  void reportsCompileErrors(CompileCase c) {
    CelTransformCompiler.Compilation compilation =
        COMPILER.compile(List.of(username("username"), c.expression()), CONSTANTS);

    assertThat(compilation).isInstanceOf(CelTransformCompiler.Compilation.Invalid.class);
    List<CelTransformCompiler.InvalidExpression> errors =
        ((CelTransformCompiler.Compilation.Invalid) compilation).errors();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).index()).isEqualTo(1);
    assertThat(errors.get(0).message()).startsWith(c.want());
  }

  @Test
  void anInvalidConstantNameFailsEveryExpression() {
    CelTransformCompiler.Compilation compilation =
        COMPILER.compile(
            List.of(username("username"), policy("true", null)),
            new TransformConstants(Map.of("not-valid", "x"), Map.of()));

    assertThat(((CelTransformCompiler.Compilation.Invalid) compilation).errors())
        .extracting(CelTransformCompiler.InvalidExpression::message)
        .containsExactly(
            "\"not-valid\" is an invalid const variable name (must match [_a-zA-Z][_a-zA-Z0-9]*)",
            "\"not-valid\" is an invalid const variable name (must match [_a-zA-Z][_a-zA-Z0-9]*)");
  }

  record RuntimeErrorCase(
      String name, List<FederationDomainTransformsExpression> expressions, String want) {}

  static Stream<RuntimeErrorCase> runtimeErrors() {
    return Stream.of(
        new RuntimeErrorCase(
            "an empty username",
            List.of(username("\"\"")),
            "identity transformation returned an empty username, which is not allowed"),
        new RuntimeErrorCase(
            "a blank username",
            List.of(policy("true", null), username("\"  \"")),
            "identity transformation returned an empty username, which is not allowed"),
        new RuntimeErrorCase(
            "a missing constant",
            List.of(policy("true", null), username("strConst.missing")),
            "identity transformation at index 1: "),
        new RuntimeErrorCase(
            "division by zero",
            List.of(username("string(1 / (size(groups) - 1))")),
            "identity transformation at index 0: "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runtimeErrors")
  void failsOnRuntimeErrors(RuntimeErrorCase c) {
    IdentityTransforms transforms =
        compiled(COMPILER, c.expressions().toArray(FederationDomainTransformsExpression[]::new));

    assertThatThrownBy(() -> transforms.apply("alice", List.of("devs")))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith(c.want());
  }

  private static List<String> manyGroups(int count) {
    return IntStream.range(0, count).mapToObj(i -> "group-" + i).toList();
  }

  @Test
  void anExpressionRunningPastItsLimitFails() {
    IdentityTransforms transforms =
        compiled(
            new CelTransformCompiler(
                Duration.ofSeconds(5),
                MutableClock.ticking(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(1))),
            policy("groups.all(a, groups.all(b, a != b || a == b))", null));

    assertThatThrownBy(() -> transforms.apply("alice", manyGroups(100)))
        .isInstanceOf(TransformException.class)
        .hasMessage(
            "identity transformation at index 0: the expression did not finish within its limit"
                + " of 5000ms");
  }

  @Test
  void theSameExpressionWithinItsLimitSucceeds() throws TransformException {
    IdentityTransforms transforms =
        compiled(
            new CelTransformCompiler(
                Duration.ofSeconds(5),
                MutableClock.ticking(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(1))),
            policy("groups.all(a, groups.all(b, a != b || a == b))", null));

    // 9 nodes: the clock is read once at the start, never at a check.
    assertThat(transforms.apply("alice", manyGroups(1)))
        .isEqualTo(new TransformResult.Allowed("alice", List.of("group-0")));
  }

  @Test
  void aRunawayExpressionIsStoppedOnTheRealClock() {
    IdentityTransforms transforms =
        compiled(
            new CelTransformCompiler(Duration.ofMillis(200), Clock.systemUTC()),
            policy("groups.all(a, groups.all(b, groups.all(c, a + b + c != \"\")))", null));
    List<String> groups = new ArrayList<>(manyGroups(2000));

    // 8e9 iterations unlimited: only the limit lets this test end.
    assertThatThrownBy(() -> transforms.apply("alice", groups))
        .isInstanceOf(TransformException.class)
        .hasMessageEndingWith("limit of 200ms");
  }

  @Test
  void pipelinesCompiledFromTheSameSourceAreEqual() {
    assertThat(compiled(COMPILER, username("username + \"x\"")))
        .isEqualTo(compiled(COMPILER, username("username + \"x\"")))
        .isNotEqualTo(compiled(COMPILER, username("username + \"y\"")))
        .isNotEqualTo(IdentityTransforms.none());
    assertThat(compiled(COMPILER)).isEqualTo(IdentityTransforms.none());
  }
}

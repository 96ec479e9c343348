package dev.pinnipedjava.concierge.authenticator.jwt.cel;

import com.google.common.collect.ImmutableList;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTAuthenticatorSpec;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTClaimValidationRule;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTExtraMapping;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTTokenClaims;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTUserValidationRule;
import dev.pinnipedjava.celruntime.RuntimeLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a JWTAuthenticator's claim rules, identity expressions and user rules as Kubernetes'
 * AuthenticationConfiguration does: expressions see {@code claims} (a map of the token's claims) or
 * {@code user} (username, uid, groups, extra), the standard library with the strings extension, and
 * must have the result type their field needs (or {@code dyn}, decided when they run). Thread-safe.
 */
public final class IdentityRulesCompiler {
  /** Kubernetes' limit on one expression's evaluation. */
  public static final Duration DEFAULT_MAX_RUNTIME = Duration.ofSeconds(5);

  static final String CLAIMS = "claims";
  static final String USER = "user";

  private static final Set<String> RESERVED_EXTRA_DOMAINS = Set.of("kubernetes.io", "k8s.io");

  private static final CelOptions OPTIONS = CelOptions.current().build();
  private static final CelCompiler CLAIMS_COMPILER = compiler(CLAIMS);
  private static final CelCompiler USER_COMPILER = compiler(USER);
  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.legacyCelRuntimeBuilder()
          .setOptions(OPTIONS)
          .addLibraries(CelExtensions.strings())
          .build();

  /** The result types a field accepts, as cel-go writes them. */
  private enum Result {
    BOOL("bool"),
    STRING("string"),
    STRINGS("string", "list(string)", "list(dyn)");

    private final ImmutableList<String> accepted;

    Result(String... accepted) {
      this.accepted = ImmutableList.copyOf(accepted);
    }

    boolean accepts(String type) {
      return type.equals("dyn") || accepted.contains(type);
    }
  }

  /** The outcome of compiling a spec. */
  public sealed interface Compilation {
    record Compiled(IdentityRules rules) implements Compilation {}

    /** Every problem found, each naming its field. */
    record Invalid(List<String> errors) implements Compilation {
      public Invalid {
        errors = List.copyOf(errors);
      }
    }
  }

  private final RuntimeLimit limit;

  public IdentityRulesCompiler(Duration maxRuntime, Clock clock) {
    this.limit = new RuntimeLimit(maxRuntime, clock);
  }

  public Compilation compile(JWTAuthenticatorSpec spec) {
    List<String> errors = new ArrayList<>();
    List<IdentityRules.ClaimRule> claimRules = claimRules(spec.claimValidationRules(), errors);
    JWTTokenClaims claims = spec.claims();
    CompiledExpression username = null;
    CompiledExpression groups = null;
    CompiledExpression uid = null;
    String uidClaim = null;
    Map<String, CompiledExpression> extra = new LinkedHashMap<>();
    if (claims != null) {
      exclusive(
          "username", claims.username(), "usernameExpression", claims.usernameExpression(), errors);
      exclusive("groups", claims.groups(), "groupsExpression", claims.groupsExpression(), errors);
      exclusive("uid", claims.uid(), "uidExpression", claims.uidExpression(), errors);
      username =
          optional(
              "spec.claims.usernameExpression", claims.usernameExpression(), Result.STRING, errors);
      groups =
          optional(
              "spec.claims.groupsExpression", claims.groupsExpression(), Result.STRINGS, errors);
      uid = optional("spec.claims.uidExpression", claims.uidExpression(), Result.STRING, errors);
      uidClaim = blankToNull(claims.uid());
      List<JWTExtraMapping> mappings = claims.extra() == null ? List.of() : claims.extra();
      for (int index = 0; index < mappings.size(); index++) {
        JWTExtraMapping mapping = mappings.get(index);
        String field = "spec.claims.extra[" + index + "]";
        String keyProblem = extraKeyProblem(mapping.key());
        if (keyProblem != null) {
          errors.add(field + ".key: " + keyProblem);
        } else if (extra.containsKey(mapping.key())) {
          errors.add(field + ".key: duplicate key \"" + mapping.key() + "\"");
        }
        CompiledExpression value =
            compile(
                CLAIMS_COMPILER,
                field + ".valueExpression",
                mapping.valueExpression(),
                Result.STRINGS,
                errors);
        if (value != null && keyProblem == null) {
          extra.putIfAbsent(mapping.key(), value);
        }
      }
    }
    List<IdentityRules.UserRule> userRules = userRules(spec.userValidationRules(), errors);
    if (!errors.isEmpty()) {
      return new Compilation.Invalid(errors);
    }
    List<Object> source =
        IdentityRules.source(
            spec.claimValidationRules(),
            spec.userValidationRules(),
            claims == null ? null : claims.usernameExpression(),
            claims == null ? null : claims.groupsExpression(),
            uidClaim,
            claims == null ? null : claims.uidExpression(),
            claims == null ? null : claims.extra());
    return new Compilation.Compiled(
        new IdentityRules(claimRules, username, groups, uidClaim, uid, extra, userRules, source));
  }

  private List<IdentityRules.ClaimRule> claimRules(
      @Nullable List<JWTClaimValidationRule> rules, List<String> errors) {
    List<IdentityRules.ClaimRule> compiled = new ArrayList<>();
    List<JWTClaimValidationRule> all = rules == null ? List.of() : rules;
    for (int index = 0; index < all.size(); index++) {
      JWTClaimValidationRule rule = all.get(index);
      String field = "spec.claimValidationRules[" + index + "]";
      String claim = blankToNull(rule.claim());
      String expression = blankToNull(rule.expression());
      if ((claim == null) == (expression == null)) {
        errors.add(field + ": exactly one of claim and expression is required");
        continue;
      }
      if (claim != null) {
        if (rule.message() != null) {
          errors.add(field + ".message: only allowed with expression");
          continue;
        }
        String required = Objects.requireNonNullElse(rule.requiredValue(), "");
        compiled.add(
            new IdentityRules.ClaimRule(
                claim,
                required,
                null,
                "claim \"" + claim + "\" does not have the required value \"" + required + "\""));
        continue;
      }
      if (rule.requiredValue() != null) {
        errors.add(field + ".requiredValue: only allowed with claim");
        continue;
      }
      CompiledExpression compiledExpression =
          compile(
              CLAIMS_COMPILER,
              field + ".expression",
              Objects.requireNonNull(expression),
              Result.BOOL,
              errors);
      if (compiledExpression != null) {
        compiled.add(
            new IdentityRules.ClaimRule(
                null, "", compiledExpression, messageOr(rule.message(), field, expression)));
      }
    }
    return compiled;
  }

  private List<IdentityRules.UserRule> userRules(
      @Nullable List<JWTUserValidationRule> rules, List<String> errors) {
    List<IdentityRules.UserRule> compiled = new ArrayList<>();
    List<JWTUserValidationRule> all = rules == null ? List.of() : rules;
    for (int index = 0; index < all.size(); index++) {
      JWTUserValidationRule rule = all.get(index);
      String field = "spec.userValidationRules[" + index + "]";
      CompiledExpression expression =
          compile(USER_COMPILER, field + ".expression", rule.expression(), Result.BOOL, errors);
      if (expression != null) {
        compiled.add(
            new IdentityRules.UserRule(
                expression, messageOr(rule.message(), field, rule.expression())));
      }
    }
    return compiled;
  }

  private @Nullable CompiledExpression optional(
      String field, @Nullable String expression, Result result, List<String> errors) {
    String source = blankToNull(expression);
    return source == null ? null : compile(CLAIMS_COMPILER, field, source, result, errors);
  }

  private @Nullable CompiledExpression compile(
      CelCompiler compiler, String field, String expression, Result result, List<String> errors) {
    if (expression.isBlank()) {
      errors.add(field + ": expression is empty");
      return null;
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = compiler.compile(expression).getAst();
    } catch (CelValidationException e) {
      errors.add(field + ": compilation failed: " + e.getMessage());
      return null;
    }
    String type = typeName(ast.getResultType());
    if (!result.accepts(type)) {
      errors.add(
          field
              + ": must return "
              + String.join(" or ", result.accepted)
              + ", but returns "
              + type);
      return null;
    }
    try {
      return new CompiledExpression(field, RUNTIME.createProgram(ast), limit);
    } catch (CelEvaluationException e) {
      errors.add(field + ": program construction failed: " + e.getMessage());
      return null;
    }
  }

  private static void exclusive(
      String claimField,
      @Nullable String claim,
      String expressionField,
      @Nullable String expression,
      List<String> errors) {
    if (blankToNull(claim) != null && blankToNull(expression) != null) {
      errors.add(
          "spec.claims: " + claimField + " and " + expressionField + " are mutually exclusive");
    }
  }

  /** Kubernetes' rule: a lower-case, domain-prefixed key outside Kubernetes' own domains. */
  private static @Nullable String extraKeyProblem(String key) {
    int slash = key.indexOf('/');
    if (slash <= 0 || slash == key.length() - 1) {
      return "\"" + key + "\" must be a domain-prefixed path (such as \"example.org/foo\")";
    }
    if (!key.equals(key.toLowerCase(Locale.ROOT))) {
      return "\"" + key + "\" must be lower case";
    }
    String domain = key.substring(0, slash);
    for (String reserved : RESERVED_EXTRA_DOMAINS) {
      if (domain.equals(reserved) || domain.endsWith("." + reserved)) {
        return "\"" + key + "\" uses the reserved domain " + reserved;
      }
    }
    return null;
  }

  private static String messageOr(@Nullable String message, String field, String expression) {
    return message == null || message.isEmpty()
        ? field + ": expression \"" + expression + "\" evaluated to false"
        : message;
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static CelCompiler compiler(String variable) {
    return CelCompilerFactory.standardCelCompilerBuilder()
        .setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addVar(variable, MapType.create(SimpleType.STRING, SimpleType.DYN))
        .addLibraries(CelExtensions.strings())
        .build();
  }

  /** A type as cel-go writes it: {@code string}, {@code list(string)}, {@code map(string, int)}. */
  private static String typeName(CelType type) {
    if (type.parameters().isEmpty()) {
      return type.name();
    }
    return type.name()
        + type.parameters().stream()
            .map(IdentityRulesCompiler::typeName)
            .collect(Collectors.joining(", ", "(", ")"));
  }
}

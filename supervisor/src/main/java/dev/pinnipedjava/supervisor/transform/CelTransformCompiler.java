package dev.pinnipedjava.supervisor.transform;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.validator.CelValidator;
import dev.cel.validator.CelValidatorFactory;
import dev.cel.validator.validators.HomogeneousLiteralValidator;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransformsExpression;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.TransformsExpressionType;
import dev.pinnipedjava.celruntime.RuntimeLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compiles identity transformations as Pinniped's CEL transformer: the variables {@code username}
 * (string), {@code groups} (list of strings), {@code strConst} and {@code strListConst} (the
 * constants by name), the standard library with the strings extension, homogeneous aggregate
 * literals, and a result type checked against the expression's type. Thread-safe: one serves the
 * whole Supervisor.
 */
public final class CelTransformCompiler {
  /** Pinniped's limit on one expression's evaluation. */
  public static final Duration DEFAULT_MAX_RUNTIME = Duration.ofSeconds(5);

  /** A policy's rejection message when it configures none. */
  public static final String DEFAULT_REJECTION_MESSAGE =
      "authentication was rejected by a configured policy";

  static final String USERNAME = "username";
  static final String GROUPS = "groups";
  static final String STRING_CONSTANTS = "strConst";
  static final String STRING_LIST_CONSTANTS = "strListConst";

  private static final Pattern IDENTIFIER = Pattern.compile("^[_a-zA-Z][_a-zA-Z0-9]*$");
  private static final CelOptions OPTIONS = CelOptions.current().build();
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar(USERNAME, SimpleType.STRING)
          .addVar(GROUPS, ListType.create(SimpleType.STRING))
          .addVar(STRING_CONSTANTS, MapType.create(SimpleType.STRING, SimpleType.STRING))
          .addVar(
              STRING_LIST_CONSTANTS,
              MapType.create(SimpleType.STRING, ListType.create(SimpleType.STRING)))
          .addLibraries(CelExtensions.strings())
          .build();
  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.legacyCelRuntimeBuilder()
          .setOptions(OPTIONS)
          .addLibraries(CelExtensions.strings())
          .build();
  // cel-go's HomogeneousAggregateLiterals: a list or map literal mixing types does not compile.
  private static final CelValidator VALIDATOR =
      CelValidatorFactory.standardCelValidatorBuilder(COMPILER, RUNTIME)
          .addAstValidators(HomogeneousLiteralValidator.newInstance())
          .build();

  private final RuntimeLimit limit;

  /**
   * @param maxRuntime the most time one expression may run
   * @param clock measures that time
   */
  public CelTransformCompiler(Duration maxRuntime, Clock clock) {
    this.limit = new RuntimeLimit(maxRuntime, clock);
  }

  /** An expression that did not compile. */
  public record InvalidExpression(int index, String message) {}

  /** The outcome of compiling an identity provider's expressions. */
  public sealed interface Compilation {
    record Compiled(IdentityTransforms transforms) implements Compilation {}

    record Invalid(List<InvalidExpression> errors) implements Compilation {
      public Invalid {
        errors = List.copyOf(errors);
      }
    }
  }

  /** Compiles every expression, reporting each one that does not compile. */
  public Compilation compile(
      List<FederationDomainTransformsExpression> expressions, TransformConstants constants) {
    List<String> badNames = new ArrayList<>();
    constants.strings().keySet().stream().filter(name -> !valid(name)).forEach(badNames::add);
    constants.lists().keySet().stream().filter(name -> !valid(name)).forEach(badNames::add);
    List<CompiledTransform> compiled = new ArrayList<>();
    List<InvalidExpression> errors = new ArrayList<>();
    for (int index = 0; index < expressions.size(); index++) {
      if (!badNames.isEmpty()) {
        // Pinniped refuses every expression of an identity provider whose constant names are bad.
        errors.add(
            new InvalidExpression(
                index,
                "\""
                    + badNames.get(0)
                    + "\" is an invalid const variable name (must match [_a-zA-Z][_a-zA-Z0-9]*)"));
        continue;
      }
      try {
        compiled.add(compile(expressions.get(index), constants));
      } catch (InvalidExpressionException e) {
        errors.add(new InvalidExpression(index, e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      return new Compilation.Invalid(errors);
    }
    return new Compilation.Compiled(
        compiled.isEmpty()
            ? IdentityTransforms.none()
            : new IdentityTransforms(compiled, expressions, constants));
  }

  private CompiledTransform compile(
      FederationDomainTransformsExpression expression, TransformConstants constants)
      throws InvalidExpressionException {
    if (expression.expression().isBlank()) {
      throw new InvalidExpressionException("cannot compile empty CEL expression");
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = VALIDATOR.validate(COMPILER.compile(expression.expression()).getAst()).getAst();
    } catch (CelValidationException e) {
      throw new InvalidExpressionException("CEL expression compile error: " + e.getMessage());
    }
    CelType expected = resultType(expression.type());
    String actual = typeName(ast.getResultType());
    if (!actual.equals(typeName(expected))) {
      throw new InvalidExpressionException(
          "CEL expression should return type \""
              + typeName(expected)
              + "\" but returns type \""
              + actual
              + "\"");
    }
    CelRuntime.Program program;
    try {
      program = RUNTIME.createProgram(ast);
    } catch (CelEvaluationException e) {
      throw new InvalidExpressionException(
          "CEL expression program construction error: " + e.getMessage());
    }
    String message = expression.message();
    return new CompiledTransform(
        expression.type(),
        program,
        message == null || message.isEmpty() ? DEFAULT_REJECTION_MESSAGE : message,
        constants,
        limit);
  }

  private static boolean valid(String name) {
    return IDENTIFIER.matcher(name).matches();
  }

  private static CelType resultType(TransformsExpressionType type) {
    return switch (type) {
      case POLICY_V1 -> SimpleType.BOOL;
      case USERNAME_V1 -> SimpleType.STRING;
      case GROUPS_V1 -> ListType.create(SimpleType.STRING);
    };
  }

  /** A type as cel-go writes it: {@code string}, {@code list(string)}, {@code map(string, int)}. */
  private static String typeName(CelType type) {
    if (type.parameters().isEmpty()) {
      return type.name();
    }
    return type.name()
        + type.parameters().stream()
            .map(CelTransformCompiler::typeName)
            .collect(Collectors.joining(", ", "(", ")"));
  }

  private static final class InvalidExpressionException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidExpressionException(String message) {
      super(message);
    }

    @Override
    public String getMessage() {
      return String.valueOf(super.getMessage());
    }
  }
}

package dev.pinnipedjava.supervisor.transform;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.TransformsExpressionType;
import dev.pinnipedjava.celruntime.RuntimeLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One compiled expression: thread-safe, evaluated against one identity at a time. */
final class CompiledTransform {
  private final TransformsExpressionType type;
  private final CelRuntime.Program program;
  private final String rejectionMessage;
  private final TransformConstants constants;
  private final RuntimeLimit limit;

  CompiledTransform(
      TransformsExpressionType type,
      CelRuntime.Program program,
      String rejectionMessage,
      TransformConstants constants,
      RuntimeLimit limit) {
    this.type = type;
    this.program = program;
    this.rejectionMessage = rejectionMessage;
    this.constants = constants;
    this.limit = limit;
  }

  /**
   * @throws TransformException when the expression fails or runs out of time (the message does not
   *     name the expression: the pipeline does)
   */
  TransformResult evaluate(String username, List<String> groups) throws TransformException {
    Object value = run(username, groups);
    return switch (type) {
      case USERNAME_V1 -> {
        if (!(value instanceof String newUsername)) {
          throw new TransformException("could not convert expression result to string");
        }
        yield new TransformResult.Allowed(newUsername, groups);
      }
      case GROUPS_V1 -> new TransformResult.Allowed(username, strings(value));
      case POLICY_V1 -> {
        if (!(value instanceof Boolean allowed)) {
          throw new TransformException("could not convert expression result to bool");
        }
        yield allowed
            ? new TransformResult.Allowed(username, groups)
            : new TransformResult.Rejected(rejectionMessage);
      }
    };
  }

  private Object run(String username, List<String> groups) throws TransformException {
    Map<String, Object> variables =
        Map.of(
            CelTransformCompiler.USERNAME,
            username,
            CelTransformCompiler.GROUPS,
            groups,
            CelTransformCompiler.STRING_CONSTANTS,
            constants.strings(),
            CelTransformCompiler.STRING_LIST_CONSTANTS,
            constants.lists());
    RuntimeLimit.Watch watch = limit.start();
    Object value;
    try {
      value = program.trace(variables, watch);
    } catch (RuntimeLimit.Exceeded e) {
      throw timedOut();
    } catch (CelEvaluationException e) {
      if (watch.exceeded()) {
        throw timedOut();
      }
      throw new TransformException(String.valueOf(e.getMessage()));
    }
    if (watch.exceeded()) {
      // An error that CEL's logic absorbed (false && error) still means the limit was hit.
      throw timedOut();
    }
    return value;
  }

  private TransformException timedOut() {
    return new TransformException(
        "the expression did not finish within its limit of "
            + limit.maxRuntime().toMillis()
            + "ms");
  }

  private static List<String> strings(Object value) throws TransformException {
    if (!(value instanceof List<?> list)) {
      throw new TransformException("could not convert expression result to []string");
    }
    List<String> strings = new ArrayList<>(list.size());
    for (Object element : list) {
      if (!(element instanceof String string)) {
        throw new TransformException("could not convert expression result to []string");
      }
      strings.add(string);
    }
    return strings;
  }
}

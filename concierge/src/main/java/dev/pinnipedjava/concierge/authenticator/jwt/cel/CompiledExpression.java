package dev.pinnipedjava.concierge.authenticator.jwt.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.pinnipedjava.celruntime.RuntimeLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One compiled expression with where it came from; thread-safe. */
record CompiledExpression(String field, CelRuntime.Program program, RuntimeLimit limit) {

  Object evaluate(Map<String, ?> variables) throws RuleFailure {
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
      throw new RuleFailure(field + ": evaluation failed: " + e.getMessage());
    }
    if (watch.exceeded()) {
      throw timedOut();
    }
    return value;
  }

  boolean bool(Map<String, ?> variables) throws RuleFailure {
    if (!(evaluate(variables) instanceof Boolean result)) {
      throw new RuleFailure(field + ": expression did not return a bool");
    }
    return result;
  }

  String string(Map<String, ?> variables) throws RuleFailure {
    if (!(evaluate(variables) instanceof String result)) {
      throw new RuleFailure(field + ": expression did not return a string");
    }
    return result;
  }

  /** A string is a list of one string, as Kubernetes reads groups and extra values. */
  List<String> strings(Map<String, ?> variables) throws RuleFailure {
    Object value = evaluate(variables);
    if (value instanceof String string) {
      return string.isEmpty() ? List.of() : List.of(string);
    }
    if (!(value instanceof List<?> list)) {
      throw new RuleFailure(field + ": expression did not return a string or a list of strings");
    }
    List<String> strings = new ArrayList<>(list.size());
    for (Object element : list) {
      if (!(element instanceof String string)) {
        throw new RuleFailure(field + ": expression returned a list holding a non-string");
      }
      strings.add(string);
    }
    return strings;
  }

  private RuleFailure timedOut() {
    return new RuleFailure(
        field
            + ": the expression did not finish within its limit of "
            + limit.maxRuntime().toMillis()
            + "ms");
  }
}

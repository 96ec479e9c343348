package dev.pinnipedjava.celruntime;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The most time one expression may run, as Pinniped's: CEL evaluation reports every evaluated node
 * to a {@link Watch}, which looks at the clock every {@value #CHECK_EVERY} nodes (Kubernetes' and
 * Pinniped's interrupt check frequency). A wall-clock limit rather than a cost budget, because an
 * expression's cost depends on its input (a token's claims, a user's groups), which is unknown when
 * it compiles.
 */
public record RuntimeLimit(Duration maxRuntime, Clock clock) {
  public static final int CHECK_EVERY = 100;

  /** A watch over one evaluation starting now. */
  public Watch start() {
    return new Watch(clock.instant().plus(maxRuntime));
  }

  /**
   * Stops an evaluation past its deadline. CEL's logical operators and comprehensions turn errors
   * into values and go on, so once past the deadline every further node fails at once (which ends
   * any loop quickly), and the caller asks {@link #exceeded()} whatever the result.
   */
  public final class Watch implements CelEvaluationListener {
    private final Instant deadline;
    private int evaluated;
    private boolean exceeded;

    private Watch(Instant deadline) {
      this.deadline = deadline;
    }

    @Override
    public void callback(CelExpr expr, Object result) {
      if (!exceeded && ++evaluated % CHECK_EVERY == 0 && clock.instant().isAfter(deadline)) {
        exceeded = true;
      }
      if (exceeded) {
        throw new Exceeded();
      }
    }

    public boolean exceeded() {
      return exceeded;
    }
  }

  /** Thrown through the CEL interpreter to stop an evaluation. */
  public static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exceeded() {
      super("the expression ran longer than its limit", null, false, false);
    }
  }
}

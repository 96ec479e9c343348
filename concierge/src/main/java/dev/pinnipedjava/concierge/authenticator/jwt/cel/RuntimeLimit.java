package dev.pinnipedjava.concierge.authenticator.jwt.cel;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The most time one evaluation may run: every evaluated node is reported to a {@link Watch}, which
 * looks at the clock every {@value #CHECK_EVERY} nodes. A wall-clock limit, because an expression's
 * cost depends on the token's claims, which are unknown when the expression compiles.
 */
record RuntimeLimit(Duration maxRuntime, Clock clock) {
  static final int CHECK_EVERY = 100;

  Watch start() {
    return new Watch(clock.instant().plus(maxRuntime));
  }

  /**
   * Once past the deadline every further node fails, since CEL's logical operators absorb errors
   * and go on; the caller asks {@link #exceeded()} whatever the result.
   */
  final class Watch implements CelEvaluationListener {
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

    boolean exceeded() {
      return exceeded;
    }
  }

  /** Thrown through the CEL interpreter to stop an evaluation. */
  static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exceeded() {
      super("the expression ran longer than its limit", null, false, false);
    }
  }
}

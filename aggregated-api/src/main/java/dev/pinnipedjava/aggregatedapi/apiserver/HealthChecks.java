package dev.pinnipedjava.aggregatedapi.apiserver;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The checks behind {@code /readyz}. {@code /healthz} and {@code /livez} say only that the process
 * serves requests, so a slow dependency never gets the pod restarted.
 */
public final class HealthChecks {
  /** A named readiness condition, evaluated on every probe. */
  public record Check(String name, BooleanSupplier healthy) {}

  private final List<Check> readiness;

  public HealthChecks(List<Check> readiness) {
    this.readiness = List.copyOf(readiness);
  }

  /** The answer of {@code /healthz}, {@code /livez} or {@code /readyz}, as Kubernetes words it. */
  ApiResponse respond(String endpoint, boolean verbose) {
    List<Check> checks = endpoint.equals("readyz") ? readiness : List.of();
    StringBuilder report = new StringBuilder("[+]ping ok\n");
    boolean healthy = true;
    for (Check check : checks) {
      boolean ok = check.healthy().getAsBoolean();
      healthy &= ok;
      report
          .append(ok ? "[+]" : "[-]")
          .append(check.name())
          .append(ok ? " ok\n" : " failed: reason withheld\n");
    }
    if (healthy) {
      return ApiResponse.text(200, verbose ? report + endpoint + " check passed\n" : "ok");
    }
    return ApiResponse.text(500, report + endpoint + " check failed\n");
  }
}

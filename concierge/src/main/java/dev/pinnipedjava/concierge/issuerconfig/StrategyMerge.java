package dev.pinnipedjava.concierge.issuerconfig;

import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuerStrategy;
import dev.pinnipedjava.api.concierge.config.v1alpha1.StrategyType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Merges newly computed strategies into the stored ones as Pinniped's issuerconfig does: a strategy
 * that differs only in {@code lastUpdateTime} keeps the stored one, so that an unchanged status is
 * never rewritten; strategies of other types are kept; the most preferred strategy comes first
 * (KubeClusterSigningCertificate, then ImpersonationProxy).
 */
final class StrategyMerge {
  private StrategyMerge() {}

  static List<CredentialIssuerStrategy> merge(
      List<CredentialIssuerStrategy> stored, List<CredentialIssuerStrategy> computed) {
    List<CredentialIssuerStrategy> merged = new ArrayList<>(stored);
    for (CredentialIssuerStrategy strategy : computed) {
      int existing = indexOf(merged, strategy.type());
      if (existing < 0) {
        merged.add(strategy);
      } else if (!equalExceptTime(merged.get(existing), strategy)) {
        merged.set(existing, strategy);
      }
    }
    merged.sort(Comparator.comparingInt(strategy -> weight(strategy.type())));
    return List.copyOf(merged);
  }

  private static int indexOf(List<CredentialIssuerStrategy> strategies, StrategyType type) {
    for (int i = 0; i < strategies.size(); i++) {
      if (strategies.get(i).type() == type) {
        return i;
      }
    }
    return -1;
  }

  private static int weight(StrategyType type) {
    return switch (type) {
      case KUBE_CLUSTER_SIGNING_CERTIFICATE -> 0;
      case IMPERSONATION_PROXY -> 1;
    };
  }

  private static boolean equalExceptTime(CredentialIssuerStrategy a, CredentialIssuerStrategy b) {
    return a.type() == b.type()
        && a.status() == b.status()
        && a.reason() == b.reason()
        && a.message().equals(b.message())
        && Objects.equals(a.frontend(), b.frontend());
  }
}

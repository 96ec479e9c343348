package dev.pinnipedjava.concierge.issuerconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuerStrategy;
import dev.pinnipedjava.api.concierge.config.v1alpha1.StrategyReason;
import dev.pinnipedjava.api.concierge.config.v1alpha1.StrategyStatus;
import dev.pinnipedjava.api.concierge.config.v1alpha1.StrategyType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StrategyMergeTest {
  private static final CredentialIssuerStrategy KUBE_OLD =
      strategy(StrategyType.KUBE_CLUSTER_SIGNING_CERTIFICATE, "fetched", "2026-01-01T00:00:00Z");
  private static final CredentialIssuerStrategy KUBE_SAME_LATER =
      strategy(StrategyType.KUBE_CLUSTER_SIGNING_CERTIFICATE, "fetched", "2026-02-01T00:00:00Z");
  private static final CredentialIssuerStrategy KUBE_CHANGED =
      strategy(StrategyType.KUBE_CLUSTER_SIGNING_CERTIFICATE, "lost it", "2026-02-01T00:00:00Z");
  private static final CredentialIssuerStrategy PROXY =
      strategy(StrategyType.IMPERSONATION_PROXY, "listening", "2026-02-01T00:00:00Z");

  record Case(
      String name,
      List<CredentialIssuerStrategy> stored,
      List<CredentialIssuerStrategy> computed,
      List<CredentialIssuerStrategy> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "only the time changed: the stored strategy stays",
            List.of(KUBE_OLD),
            List.of(KUBE_SAME_LATER),
            List.of(KUBE_OLD)),
        new Case(
            "a changed strategy replaces the stored one",
            List.of(KUBE_OLD),
            List.of(KUBE_CHANGED),
            List.of(KUBE_CHANGED)),
        new Case(
            "the most preferred strategy comes first",
            List.of(),
            List.of(PROXY, KUBE_OLD),
            List.of(KUBE_OLD, PROXY)),
        new Case(
            "strategies not computed are kept",
            List.of(KUBE_OLD, PROXY),
            List.of(KUBE_SAME_LATER),
            List.of(KUBE_OLD, PROXY)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void merge(Case testCase) {
    assertThat(StrategyMerge.merge(testCase.stored(), testCase.computed()))
        .containsExactlyElementsOf(testCase.want());
  }

  private static CredentialIssuerStrategy strategy(StrategyType type, String message, String time) {
    return new CredentialIssuerStrategy(
        type, StrategyStatus.SUCCESS, StrategyReason.FETCHED_KEY, message, time, null);
  }
}

package dev.pinnipedjava.aggregatedapi.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MediaTypesTest {
  /** An Accept header, whether the endpoint offers tables, and the chosen form. */
  record Case(
      String name,
      @Nullable String accept,
      boolean tableAllowed,
      Optional<MediaTypes.Output> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    Optional<MediaTypes.Output> json = Optional.of(MediaTypes.Output.JSON);
    Optional<MediaTypes.Output> table = Optional.of(MediaTypes.Output.TABLE);
    String kubectlGet =
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    return Stream.of(
        new Case("no Accept", null, false, json),
        new Case("blank Accept", " ", false, json),
        new Case("anything", "*/*", false, json),
        new Case("any application type", "application/*", false, json),
        new Case("JSON with charset", "application/json; charset=utf-8", false, json),
        new Case("kubectl get, table offered", kubectlGet, true, table),
        new Case("kubectl get, table not offered", kubectlGet, false, json),
        new Case(
            "table v1beta1 only",
            "application/json;as=Table;v=v1beta1;g=meta.k8s.io",
            true,
            Optional.empty()),
        new Case("protobuf only", "application/vnd.kubernetes.protobuf", false, Optional.empty()),
        new Case(
            "protobuf preferred, JSON allowed",
            "application/vnd.kubernetes.protobuf,application/json",
            false,
            json),
        new Case("JSON refused by q=0", "application/json;q=0", false, Optional.empty()),
        new Case(
            "aggregated discovery only",
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
            false,
            Optional.empty()),
        new Case(
            "quality order wins over position",
            "application/json;as=Table;v=v1;g=meta.k8s.io;q=0.5,application/json",
            true,
            json));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void negotiate(Case testCase) {
    assertThat(MediaTypes.negotiate(testCase.accept(), testCase.tableAllowed()))
        .isEqualTo(testCase.want());
  }
}

package dev.pinnipedjava.supervisor.transform;

import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransformsConstant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The constants an identity provider's expressions read as {@code strConst.<name>} and {@code
 * strListConst.<name>}.
 */
public record TransformConstants(Map<String, String> strings, Map<String, List<String>> lists) {
  public static final TransformConstants NONE = new TransformConstants(Map.of(), Map.of());

  public TransformConstants {
    strings = Map.copyOf(strings);
    Map<String, List<String>> copied = new LinkedHashMap<>();
    lists.forEach((name, values) -> copied.put(name, List.copyOf(values)));
    lists = Map.copyOf(copied);
  }

  /** The constants of a FederationDomain's spec; a missing value is empty. */
  public static TransformConstants of(List<FederationDomainTransformsConstant> constants) {
    Map<String, String> strings = new LinkedHashMap<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (FederationDomainTransformsConstant constant : constants) {
      switch (constant.type()) {
        case STRING ->
            strings.put(constant.name(), Objects.requireNonNullElse(constant.stringValue(), ""));
        case STRING_LIST ->
            lists.put(
                constant.name(), Objects.requireNonNullElse(constant.stringListValue(), List.of()));
      }
    }
    return new TransformConstants(strings, lists);
  }
}

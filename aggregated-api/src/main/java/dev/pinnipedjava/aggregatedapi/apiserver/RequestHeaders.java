package dev.pinnipedjava.aggregatedapi.apiserver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** HTTP request headers: names compare case-insensitively and a name may repeat. */
public final class RequestHeaders {
  private final Map<String, List<String>> values;

  private RequestHeaders(Map<String, List<String>> values) {
    this.values = values;
  }

  /** Headers from name/value pairs in arrival order, as HTTP servers report them. */
  public static RequestHeaders of(Iterable<Map.Entry<String, String>> entries) {
    Map<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> entry : entries) {
      values.computeIfAbsent(entry.getKey(), name -> new ArrayList<>()).add(entry.getValue());
    }
    values.replaceAll((name, list) -> List.copyOf(list));
    return new RequestHeaders(Collections.unmodifiableMap(values));
  }

  /** Headers with one value per name, for tests and callers building requests by hand. */
  public static RequestHeaders of(Map<String, String> single) {
    return of(single.entrySet());
  }

  /** Every value of the header, in order; empty when absent. */
  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** The first value of the header, or null when absent. */
  public @Nullable String first(String name) {
    List<String> all = all(name);
    return all.isEmpty() ? null : all.get(0);
  }

  /** The header names as they arrived (the first spelling of each). */
  public Set<String> names() {
    return values.keySet();
  }
}

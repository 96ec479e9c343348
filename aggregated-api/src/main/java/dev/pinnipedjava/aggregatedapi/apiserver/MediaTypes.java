package dev.pinnipedjava.aggregatedapi.apiserver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Content negotiation as Kubernetes clients expect it. Bodies are JSON only; a list may also be
 * asked for as a {@code meta.k8s.io/v1} Table ({@code kubectl get} does).
 */
final class MediaTypes {
  /** What request bodies may be sent as. */
  static final List<String> ACCEPTED_INPUT = List.of("application/json");

  /** What responses may be asked for. */
  static final List<String> SUPPORTED_OUTPUT = List.of("application/json");

  /** The forms a response can take. */
  enum Output {
    JSON,
    TABLE
  }

  private MediaTypes() {}

  /**
   * Whether a request body of this Content-Type can be decoded. Without one, Kubernetes assumes its
   * first media type, JSON ({@code kubectl create --raw} sends none).
   */
  static boolean isAcceptedInput(@Nullable String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return true;
    }
    MediaRange range = MediaRange.parse(contentType);
    return range.type().equals("application") && range.subtype().equals("json");
  }

  /**
   * The response form to use for an Accept header, or empty when none is acceptable (406). Tables
   * are offered only where {@code tableAllowed}.
   */
  static Optional<Output> negotiate(@Nullable String accept, boolean tableAllowed) {
    if (accept == null || accept.isBlank()) {
      return Optional.of(Output.JSON);
    }
    List<MediaRange> ranges = new ArrayList<>();
    for (String part : accept.split(",")) {
      if (!part.isBlank()) {
        ranges.add(MediaRange.parse(part));
      }
    }
    ranges.sort(Comparator.comparingDouble(MediaRange::quality).reversed());
    for (MediaRange range : ranges) {
      if (range.quality() <= 0) {
        continue;
      }
      Optional<Output> output = range.output(tableAllowed);
      if (output.isPresent()) {
        return output;
      }
    }
    return Optional.empty();
  }

  /** One entry of an Accept or Content-Type header. */
  private record MediaRange(String type, String subtype, Map<String, String> parameters) {
    static MediaRange parse(String text) {
      String[] parts = text.split(";");
      String[] typeAndSubtype = parts[0].trim().toLowerCase(Locale.ROOT).split("/", 2);
      Map<String, String> parameters = new HashMap<>();
      for (int i = 1; i < parts.length; i++) {
        String[] keyAndValue = parts[i].split("=", 2);
        if (keyAndValue.length == 2) {
          parameters.put(
              keyAndValue[0].trim().toLowerCase(Locale.ROOT),
              keyAndValue[1].trim().replace("\"", ""));
        }
      }
      return new MediaRange(
          typeAndSubtype[0], typeAndSubtype.length == 2 ? typeAndSubtype[1] : "", parameters);
    }

    double quality() {
      String q = parameters.get("q");
      if (q == null) {
        return 1;
      }
      try {
        return Double.parseDouble(q);
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    Optional<Output> output(boolean tableAllowed) {
      boolean json =
          (type.equals("*") && subtype.equals("*"))
              || (type.equals("application") && (subtype.equals("*") || subtype.equals("json")));
      if (!json) {
        return Optional.empty();
      }
      String as = parameters.get("as");
      if (as == null) {
        return Optional.of(Output.JSON);
      }
      boolean table =
          as.equals("Table")
              && "meta.k8s.io".equals(parameters.get("g"))
              && "v1".equals(parameters.get("v"));
      return table && tableAllowed ? Optional.of(Output.TABLE) : Optional.empty();
    }
  }
}

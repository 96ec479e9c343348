package dev.pinnipedjava.supervisor.audit;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Request parameters as they may be logged: values of allow-listed parameters as sent, every other
 * value replaced by {@code redacted} (codes, tokens, verifiers, challenges, nonces, states,
 * passwords, and anything unknown).
 */
public final class SafeParameters {
  /** Parameters of the authorize and callback endpoints whose values are no secret. */
  public static final Set<String> FRONT_CHANNEL =
      Set.of(
          "client_id",
          "code_challenge_method",
          "display",
          "error",
          "error_description",
          "error_uri",
          "max_age",
          "pinniped_idp_name",
          "pinniped_idp_type",
          "prompt",
          "redirect_uri",
          "response_mode",
          "response_type",
          "scope",
          "ui_locales");

  /** Parameters of the token endpoint whose values are no secret. */
  public static final Set<String> TOKEN_ENDPOINT =
      Set.of(
          "audience",
          "client_id",
          "grant_type",
          "redirect_uri",
          "requested_token_type",
          "scope",
          "subject_token_type");

  private SafeParameters() {}

  public static Map<String, Object> filter(Map<String, List<String>> parameters, Set<String> safe) {
    // Sorted by name, as Go encodes the maps of Pinniped's events.
    Map<String, Object> filtered = new TreeMap<>();
    parameters.forEach(
        (name, values) ->
            filtered.put(
                name,
                safe.contains(name) ? (values.size() == 1 ? values.get(0) : values) : "redacted"));
    return filtered;
  }
}

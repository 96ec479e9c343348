package dev.pinnipedjava.api.groupsuffix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated API group suffix: a DNS-1123 subdomain with at least one dot, such as {@code
 * pinniped.dev} (the default) or {@code tuna.io}. It renames Pinniped's groups ({@code
 * login.concierge.pinniped.dev} becomes {@code login.concierge.tuna.io}) and back.
 *
 * @param value the suffix, without a leading dot
 */
public record ApiGroupSuffix(String value) {
  private static final String DEFAULT_VALUE = "pinniped.dev";

  private static final int MAX_LENGTH = 253;
  private static final String DNS1123_SUBDOMAIN =
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  private static final Pattern DNS1123_SUBDOMAIN_PATTERN = Pattern.compile(DNS1123_SUBDOMAIN);

  // Declared after the constants its validation uses, which static initialization needs first.
  /** Pinniped's own suffix: renaming with it changes nothing. */
  public static final ApiGroupSuffix DEFAULT = new ApiGroupSuffix(DEFAULT_VALUE);

  /**
   * Validates the suffix.
   *
   * @throws IllegalArgumentException naming every problem, as {@link #problems(String)} does
   */
  public ApiGroupSuffix {
    List<String> problems = problems(value);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid API group suffix \"" + value + "\": " + String.join("; ", problems));
    }
  }

  /**
   * Why a string is not a usable suffix, in Kubernetes' words; empty when it is usable. Kubernetes
   * requires API group names to be DNS-1123 subdomains with a dot.
   */
  public static List<String> problems(String suffix) {
    List<String> problems = new ArrayList<>();
    if (!suffix.contains(".")) {
      problems.add("must contain '.'");
    }
    if (suffix.length() > MAX_LENGTH) {
      problems.add("must be no more than " + MAX_LENGTH + " characters");
    }
    if (!DNS1123_SUBDOMAIN_PATTERN.matcher(suffix).matches()) {
      problems.add(
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-'"
              + " or '.', and must start and end with an alphanumeric character (e.g."
              + " 'example.com', regex used for validation is '"
              + DNS1123_SUBDOMAIN
              + "')");
    }
    return List.copyOf(problems);
  }

  /** Whether this is Pinniped's own suffix, with which no group needs renaming. */
  public boolean isDefault() {
    return value.equals(DEFAULT_VALUE);
  }

  /**
   * Renames a Pinniped group to this suffix: {@code x.pinniped.dev} becomes {@code x.<suffix>}.
   * Empty when the group is not a Pinniped group (it does not end in {@code .pinniped.dev}).
   */
  public Optional<String> replace(String pinnipedGroup) {
    return swapSuffix(pinnipedGroup, DEFAULT_VALUE, value);
  }

  /**
   * Renames a group of this suffix back to Pinniped's: {@code x.<suffix>} becomes {@code
   * x.pinniped.dev}. Empty when the group does not end in {@code .<suffix>}.
   */
  public Optional<String> unreplace(String group) {
    return swapSuffix(group, value, DEFAULT_VALUE);
  }

  /**
   * The name of one of Pinniped's groups under this suffix.
   *
   * @throws IllegalArgumentException when {@code pinnipedGroup} is not a Pinniped group
   */
  public String group(String pinnipedGroup) {
    return replace(pinnipedGroup)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "\"" + pinnipedGroup + "\" is not a group ending in ." + DEFAULT_VALUE));
  }

  private static Optional<String> swapSuffix(String group, String from, String to) {
    if (!group.endsWith("." + from)) {
      return Optional.empty();
    }
    return Optional.of(group.substring(0, group.length() - from.length()) + to);
  }
}

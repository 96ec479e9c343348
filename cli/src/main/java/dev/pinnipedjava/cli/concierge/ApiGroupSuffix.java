package dev.pinnipedjava.cli.concierge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The suffix of Pinniped's API groups ({@code login.concierge.<suffix>}), {@code pinniped.dev}
 * unless the Concierge was installed with another one.
 *
 * @param value a DNS-1123 subdomain with at least one dot
 */
public record ApiGroupSuffix(String value) {

  public static final ApiGroupSuffix DEFAULT = new ApiGroupSuffix("pinniped.dev");

  private static final int MAX_LENGTH = 253;
  private static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile(DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*");

  /**
   * Validates the suffix as Pinniped's {@code groupsuffix.Validate} does.
   *
   * @throws IllegalArgumentException listing every problem, in Kubernetes' words
   */
  public static ApiGroupSuffix parse(String value) {
    List<String> problems = new ArrayList<>();
    if (!value.contains(".")) {
      problems.add("must contain '.'");
    }
    if (value.length() > MAX_LENGTH) {
      problems.add("must be no more than 253 characters");
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      problems.add(
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-'"
              + " or '.', and must start and end with an alphanumeric character (e.g."
              + " 'example.com', regex used for validation is '"
              + DNS1123_SUBDOMAIN.pattern()
              + "')");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          problems.size() == 1 ? problems.get(0) : "[" + String.join(", ", problems) + "]");
    }
    return new ApiGroupSuffix(value);
  }

  /** {@code group("login.concierge")} is {@code login.concierge.pinniped.dev} by default. */
  public String group(String prefix) {
    return prefix + "." + value;
  }
}

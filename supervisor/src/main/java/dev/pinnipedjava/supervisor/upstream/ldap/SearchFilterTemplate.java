package dev.pinnipedjava.supervisor.upstream.ldap;

import com.unboundid.ldap.sdk.Filter;

/**
 * A search filter with {@code {}} placeholders, as a provider's spec gives it. The value put in is
 * escaped (RFC 4515), since it is what a user typed or what the directory holds, and the result is
 * wrapped in parentheses when the template has none, as Pinniped does (which also uses a template
 * without a placeholder as it is).
 */
public record SearchFilterTemplate(String template) {
  public static final String PLACEHOLDER = "{}";

  /** {@code <attribute>={}}: the default user filter. */
  public static SearchFilterTemplate equality(String attribute) {
    return new SearchFilterTemplate(attribute + "=" + PLACEHOLDER);
  }

  /** The filter with every placeholder replaced by {@code value}, escaped. */
  public String with(String value) {
    String filter = template.replace(PLACEHOLDER, Filter.encodeValue(value));
    return filter.startsWith("(") && filter.endsWith(")") ? filter : "(" + filter + ")";
  }
}

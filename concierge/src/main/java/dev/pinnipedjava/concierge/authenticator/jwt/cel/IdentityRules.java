package dev.pinnipedjava.concierge.authenticator.jwt.cel;

import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A JWTAuthenticator's compiled claim rules, identity expressions and user rules, as Kubernetes'
 * structured authentication configuration applies them: claim rules first, then the mapping, then
 * user rules. Thread-safe.
 */
public final class IdentityRules {
  private static final IdentityRules NONE =
      new IdentityRules(
          List.of(),
          null,
          null,
          null,
          null,
          Map.of(),
          List.of(),
          source(null, null, null, null, null, null, null));

  /** A claim that must hold a value, or an expression over the claims that must be true. */
  record ClaimRule(
      @Nullable String claim,
      String requiredValue,
      @Nullable CompiledExpression expression,
      String message) {}

  /** An expression over the user that must be true. */
  record UserRule(CompiledExpression expression, String message) {}

  private final List<ClaimRule> claimRules;
  private final @Nullable CompiledExpression username;
  private final @Nullable CompiledExpression groups;
  private final @Nullable String uidClaim;
  private final @Nullable CompiledExpression uid;
  private final Map<String, CompiledExpression> extra;
  private final List<UserRule> userRules;
  private final List<Object> source;

  IdentityRules(
      List<ClaimRule> claimRules,
      @Nullable CompiledExpression username,
      @Nullable CompiledExpression groups,
      @Nullable String uidClaim,
      @Nullable CompiledExpression uid,
      Map<String, CompiledExpression> extra,
      List<UserRule> userRules,
      List<Object> source) {
    this.claimRules = List.copyOf(claimRules);
    this.username = username;
    this.groups = groups;
    this.uidClaim = uidClaim;
    this.uid = uid;
    this.extra = new LinkedHashMap<>(extra);
    this.userRules = List.copyOf(userRules);
    this.source = source;
  }

  /** No rules and no expressions: the username and groups come from claims by name. */
  public static IdentityRules none() {
    return NONE;
  }

  /** Whether rules compiled from {@code other}'s spec would behave exactly like these. */
  public boolean sameAs(IdentityRules other) {
    return source.equals(other.source);
  }

  /** Rules are equal when they were compiled from equal specs. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof IdentityRules rules && sameAs(rules);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  /** The spec fields rules are compiled from, with absent and empty made alike. */
  static List<Object> source(
      @Nullable List<?> claimRules,
      @Nullable List<?> userRules,
      @Nullable String usernameExpression,
      @Nullable String groupsExpression,
      @Nullable String uidClaim,
      @Nullable String uidExpression,
      @Nullable List<?> extra) {
    return Arrays.asList(
        claimRules == null ? List.of() : claimRules,
        userRules == null ? List.of() : userRules,
        blankToNull(usernameExpression),
        blankToNull(groupsExpression),
        blankToNull(uidClaim),
        blankToNull(uidExpression),
        extra == null ? List.of() : extra);
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  public boolean mapsUsername() {
    return username != null;
  }

  public boolean mapsGroups() {
    return groups != null;
  }

  /** Checks every claim rule, in order. */
  public void checkClaims(CelClaims claims) throws RuleFailure {
    Map<String, Object> variables = Map.of(IdentityRulesCompiler.CLAIMS, claims.values());
    for (ClaimRule rule : claimRules) {
      CompiledExpression expression = rule.expression();
      if (expression != null) {
        if (!expression.bool(variables)) {
          throw new RuleFailure(rule.message());
        }
      } else if (rule.claim() != null
          && !Objects.equals(claims.values().get(rule.claim()), rule.requiredValue())) {
        throw new RuleFailure(rule.message());
      }
    }
  }

  /** The username from its expression; only when {@link #mapsUsername()}. */
  public String username(CelClaims claims) throws RuleFailure {
    String name = Objects.requireNonNull(username).string(variables(claims));
    if (name.isEmpty()) {
      throw new RuleFailure(username.field() + ": expression returned an empty username");
    }
    return name;
  }

  /** The groups from their expression; only when {@link #mapsGroups()}. */
  public List<String> groups(CelClaims claims) throws RuleFailure {
    return Objects.requireNonNull(groups).strings(variables(claims));
  }

  /** The uid from its claim or expression; empty when neither is configured. */
  public String uid(CelClaims claims) throws RuleFailure {
    if (uid != null) {
      return uid.string(variables(claims));
    }
    if (uidClaim != null) {
      if (!(claims.values().get(uidClaim) instanceof String value)) {
        throw new RuleFailure("claim \"" + uidClaim + "\" is not a string");
      }
      return value;
    }
    return "";
  }

  /** The extra attributes; a key whose expression gives nothing is left out. */
  public Map<String, List<String>> extra(CelClaims claims) throws RuleFailure {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Map.Entry<String, CompiledExpression> entry : extra.entrySet()) {
      List<String> value = entry.getValue().strings(variables(claims));
      if (!value.isEmpty()) {
        values.put(entry.getKey(), value);
      }
    }
    return values;
  }

  /** Checks every user rule, in order. */
  public void checkUser(KubernetesUser user) throws RuleFailure {
    if (userRules.isEmpty()) {
      return;
    }
    Map<String, Object> variables =
        Map.of(
            IdentityRulesCompiler.USER,
            Map.of(
                "username", user.name(),
                "uid", user.uid(),
                "groups", user.groups(),
                "extra", user.extra()));
    for (UserRule rule : userRules) {
      if (!rule.expression().bool(variables)) {
        throw new RuleFailure(rule.message());
      }
    }
  }

  private static Map<String, Object> variables(CelClaims claims) {
    return Map.of(IdentityRulesCompiler.CLAIMS, claims.values());
  }
}

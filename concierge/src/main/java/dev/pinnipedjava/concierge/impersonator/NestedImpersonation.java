package dev.pinnipedjava.concierge.impersonator;

import dev.pinnipedjava.aggregatedapi.apiserver.ApiError;
import dev.pinnipedjava.aggregatedapi.apiserver.RequestHeaders;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Handles the {@code Impersonate-*} headers a caller sends, as Kubernetes' impersonation filter
 * does in front of Pinniped's proxy: each requested user, group, UID and extra must be allowed by a
 * SubjectAccessReview of the {@code impersonate} verb for the caller; the request then runs as the
 * requested user on behalf of the caller (see {@link ForwardedIdentity}). A caller not allowed to
 * impersonate is refused with 403. Header names compare case-insensitively.
 */
final class NestedImpersonation {
  static final String DECISION_REASON =
      "decision made by impersonation-proxy.concierge.pinniped.dev";

  private static final String USER_HEADER = "Impersonate-User";
  private static final String GROUP_HEADER = "Impersonate-Group";
  private static final String UID_HEADER = "Impersonate-Uid";
  private static final String EXTRA_HEADER_PREFIX = "Impersonate-Extra-";
  private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
  private static final String AUTHENTICATION_GROUP = "authentication.k8s.io";

  private final ImpersonationAuthorizer authorizer;

  NestedImpersonation(ImpersonationAuthorizer authorizer) {
    this.authorizer = authorizer;
  }

  /** The outcome for one request. */
  sealed interface Outcome {}

  /** The request asks for no impersonation. */
  record NotRequested() implements Outcome {}

  /** The request runs as {@code user}, on behalf of {@code original}, the authenticated caller. */
  record Impersonating(KubernetesUser user, KubernetesUser original) implements Outcome {}

  /** The request is refused. */
  record Refused(ApiError error) implements Outcome {}

  /** Whether any header asks for impersonation; cheap, so callers can skip the rest. */
  static boolean requested(RequestHeaders headers) {
    for (String name : headers.names()) {
      if (name.regionMatches(true, 0, "Impersonate-", 0, "Impersonate-".length())) {
        return true;
      }
    }
    return false;
  }

  /** Applies the request's impersonation headers to {@code caller}. May block on the network. */
  Outcome apply(KubernetesUser caller, RequestHeaders headers) {
    if (!requested(headers)) {
      return new NotRequested();
    }
    String username = headers.first(USER_HEADER);
    List<String> groups = new ArrayList<>(headers.all(GROUP_HEADER));
    String uid = headers.first(UID_HEADER);
    Map<String, List<String>> extra = extras(headers);
    if (username == null || username.isEmpty()) {
      return new Refused(
          new ApiError(
              500,
              "InternalError",
              "Internal error occurred: requested impersonation of groups, UID or extras"
                  + " without impersonating a user",
              null));
    }

    List<ImpersonationTarget> targets = new ArrayList<>();
    if (username.startsWith(SERVICE_ACCOUNT_PREFIX)) {
      String[] parts = username.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", -1);
      if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
        return new Refused(
            new ApiError(
                500,
                "InternalError",
                "Internal error occurred: invalid service account name " + username,
                null));
      }
      targets.add(new ImpersonationTarget("", "serviceaccounts", "", parts[0], parts[1]));
      if (groups.isEmpty()) {
        groups.add("system:serviceaccounts");
        groups.add("system:serviceaccounts:" + parts[0]);
      }
    } else {
      targets.add(new ImpersonationTarget("", "users", "", "", username));
    }
    headers
        .all(GROUP_HEADER)
        .forEach(group -> targets.add(new ImpersonationTarget("", "groups", "", "", group)));
    extra.forEach(
        (key, values) ->
            values.forEach(
                value ->
                    targets.add(
                        new ImpersonationTarget(
                            AUTHENTICATION_GROUP, "userextras", key, "", value))));
    if (uid != null && !uid.isEmpty()) {
      targets.add(new ImpersonationTarget(AUTHENTICATION_GROUP, "uids", "", "", uid));
    }

    for (ImpersonationTarget target : targets) {
      ImpersonationAuthorizer.Decision decision = authorizer.decide(caller, target);
      if (!decision.allowed()) {
        return new Refused(forbidden(caller, target, decision.reason()));
      }
    }

    if (!username.equals(KubernetesUser.ANONYMOUS_NAME)
        && !groups.contains(KubernetesUser.AUTHENTICATED_GROUP)) {
      groups.add(KubernetesUser.AUTHENTICATED_GROUP);
    }
    return new Impersonating(
        new KubernetesUser(username, uid == null ? "" : uid, groups, extra), caller);
  }

  /** The extras requested by {@code Impersonate-Extra-<key>} headers; keys are unescaped. */
  private static Map<String, List<String>> extras(RequestHeaders headers) {
    Map<String, List<String>> extra = new LinkedHashMap<>();
    for (String name : headers.names()) {
      if (name.length() > EXTRA_HEADER_PREFIX.length()
          && name.regionMatches(true, 0, EXTRA_HEADER_PREFIX, 0, EXTRA_HEADER_PREFIX.length())) {
        String key =
            unescape(name.substring(EXTRA_HEADER_PREFIX.length()).toLowerCase(Locale.ROOT));
        extra.computeIfAbsent(key, k -> new ArrayList<>()).addAll(headers.all(name));
      }
    }
    return extra;
  }

  private static String unescape(String key) {
    try {
      return URLDecoder.decode(key.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return key;
    }
  }

  /** Kubernetes' Forbidden status for an impersonation, with Pinniped's decision reason. */
  private static ApiError forbidden(
      KubernetesUser caller, ImpersonationTarget target, String reason) {
    String resource =
        target.subresource().isEmpty()
            ? target.resource()
            : target.resource() + "/" + target.subresource();
    String scope =
        target.namespace().isEmpty()
            ? "at the cluster scope"
            : "in the namespace \"" + target.namespace() + "\"";
    String qualified =
        target.group().isEmpty() ? target.resource() : target.resource() + "." + target.group();
    String message =
        qualified
            + " \""
            + target.name()
            + "\" is forbidden: User \""
            + caller.name()
            + "\" cannot impersonate resource \""
            + resource
            + "\" in API group \""
            + target.group()
            + "\" "
            + scope
            + ": "
            + (reason.isEmpty() ? DECISION_REASON : reason + ", " + DECISION_REASON);
    return new ApiError(
        403,
        "Forbidden",
        message,
        new ApiError.Details(target.group(), target.resource(), target.name(), List.of()));
  }
}

package dev.pinnipedjava.concierge.impersonator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The identity a request is forwarded with: the user the kube-apiserver is asked to act as and,
 * under nested impersonation, the authenticated caller, recorded as Pinniped records it.
 *
 * @param user the user to impersonate
 * @param original the caller who asked to impersonate {@code user}; null without nested
 *     impersonation
 */
record ForwardedIdentity(KubernetesUser user, @Nullable KubernetesUser original) {
  static final String RESERVED_EXTRA_SUFFIX = ".impersonation-proxy.concierge.pinniped.dev";
  static final String ORIGINAL_USER_INFO_EXTRA = "original-user-info" + RESERVED_EXTRA_SUFFIX;

  /**
   * Pinniped's deliberately narrow extra keys: impersonation headers cannot carry upper case or
   * most punctuation faithfully.
   */
  private static final Pattern EXTRA_KEY = Pattern.compile("^[a-z0-9/\\-._]+$");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Why the user cannot be impersonated faithfully, or null when it can. */
  @Nullable String problem() {
    for (String key : user.extra().keySet()) {
      if (!EXTRA_KEY.matcher(key).matches()) {
        return "disallowed extra key seen: " + key;
      }
      if (key.endsWith(RESERVED_EXTRA_SUFFIX)) {
        return "disallowed extra key with reserved suffix seen: " + key;
      }
    }
    return null;
  }

  /** The extras to send: the user's, plus the original caller under nested impersonation. */
  Map<String, List<String>> extras() {
    if (original == null) {
      return user.extra();
    }
    Map<String, List<String>> extras = new LinkedHashMap<>(user.extra());
    extras.put(ORIGINAL_USER_INFO_EXTRA, List.of(userInfoJson(original)));
    return extras;
  }

  /** A user as an authentication.k8s.io UserInfo, in JSON. */
  private static String userInfoJson(KubernetesUser user) {
    ObjectNode info = JSON.createObjectNode().put("username", user.name());
    if (!user.uid().isEmpty()) {
      info.put("uid", user.uid());
    }
    user.groups().forEach(info.putArray("groups")::add);
    if (!user.extra().isEmpty()) {
      ObjectNode extra = info.putObject("extra");
      user.extra().forEach((key, values) -> values.forEach(extra.putArray(key)::add));
    }
    return info.toString();
  }
}

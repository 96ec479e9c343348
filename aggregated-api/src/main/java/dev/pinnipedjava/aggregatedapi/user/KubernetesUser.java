package dev.pinnipedjava.aggregatedapi.user;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user as Kubernetes authorizes it (authentication.k8s.io UserInfo).
 *
 * @param name the username, never empty
 * @param uid a unique id, empty when there is none
 * @param groups group names, in the order the authenticator gave them
 * @param extra further attributes; keys sorted for stable output
 */
public record KubernetesUser(
    String name, String uid, List<String> groups, Map<String, List<String>> extra) {

  /** Kubernetes' name for a caller that presented no credential. */
  public static final String ANONYMOUS_NAME = "system:anonymous";

  /** The group of every caller that presented no credential. */
  public static final String UNAUTHENTICATED_GROUP = "system:unauthenticated";

  /** The group Kubernetes adds to every authenticated user. */
  public static final String AUTHENTICATED_GROUP = "system:authenticated";

  /** The user of a request without credentials. */
  public static final KubernetesUser ANONYMOUS =
      new KubernetesUser(ANONYMOUS_NAME, "", List.of(UNAUTHENTICATED_GROUP), Map.of());

  public KubernetesUser {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a Kubernetes user needs a name");
    }
    groups = List.copyOf(groups);
    TreeMap<String, List<String>> sorted = new TreeMap<>();
    extra.forEach((key, values) -> sorted.put(key, List.copyOf(values)));
    extra = Collections.unmodifiableMap(sorted);
  }

  /** A user with just a name and groups. */
  public static KubernetesUser of(String name, List<String> groups) {
    return new KubernetesUser(name, "", groups, Map.of());
  }

  /**
   * This user with {@code system:authenticated} added, as Kubernetes does for every authenticated
   * user, unless it is anonymous or already in {@code system:authenticated} or {@code
   * system:unauthenticated}.
   */
  public KubernetesUser withAuthenticatedGroup() {
    if (name.equals(ANONYMOUS_NAME)
        || groups.contains(AUTHENTICATED_GROUP)
        || groups.contains(UNAUTHENTICATED_GROUP)) {
      return this;
    }
    List<String> withGroup = new ArrayList<>(groups);
    withGroup.add(AUTHENTICATED_GROUP);
    return new KubernetesUser(name, uid, withGroup, extra);
  }
}

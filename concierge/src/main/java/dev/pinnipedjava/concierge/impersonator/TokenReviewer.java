package dev.pinnipedjava.concierge.impersonator;

import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import java.util.Optional;

/** Asks the kube-apiserver who a bearer token belongs to (a TokenReview). */
@FunctionalInterface
interface TokenReviewer {
  /** The token's user, or empty when the kube-apiserver does not accept the token. */
  Optional<KubernetesUser> review(String token);
}

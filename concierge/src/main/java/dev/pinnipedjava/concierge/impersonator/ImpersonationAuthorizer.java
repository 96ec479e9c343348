package dev.pinnipedjava.concierge.impersonator;

import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;

/** Asks the kube-apiserver whether a caller may impersonate a target (a SubjectAccessReview). */
@FunctionalInterface
interface ImpersonationAuthorizer {
  /** The decision and the authorizer's reason. */
  record Decision(boolean allowed, String reason) {}

  Decision decide(KubernetesUser caller, ImpersonationTarget target);
}

package dev.pinnipedjava.concierge.impersonator;

import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * TokenReviews and SubjectAccessReviews at the kube-apiserver, made with the Concierge's own
 * identity (its {@code system:auth-delegator} grant). A review that cannot be made counts as a
 * refusal: the proxy fails closed.
 */
final class KubeApiReviews implements TokenReviewer, ImpersonationAuthorizer {
  private static final Logger LOG = Logger.getLogger(KubeApiReviews.class);

  private final KubernetesClient client;

  KubeApiReviews(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<KubernetesUser> review(String token) {
    TokenReview review = new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build();
    try {
      TokenReviewStatus status = client.resource(review).create().getStatus();
      if (status == null || !Boolean.TRUE.equals(status.getAuthenticated())) {
        return Optional.empty();
      }
      UserInfo user = status.getUser();
      if (user == null || user.getUsername() == null || user.getUsername().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new KubernetesUser(
              user.getUsername(),
              user.getUid() == null ? "" : user.getUid(),
              user.getGroups() == null ? List.of() : user.getGroups(),
              user.getExtra() == null ? Map.of() : user.getExtra()));
    } catch (KubernetesClientException e) {
      LOG.warnf("cannot review a token at the kube-apiserver: %s", e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public Decision decide(KubernetesUser caller, ImpersonationTarget target) {
    SubjectAccessReview review =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser(caller.name())
            .withUid(caller.uid().isEmpty() ? null : caller.uid())
            .withGroups(caller.groups())
            .withExtra(new LinkedHashMap<>(caller.extra()))
            .withResourceAttributes(
                new ResourceAttributesBuilder()
                    .withVerb("impersonate")
                    .withGroup(target.group())
                    .withResource(target.resource())
                    .withSubresource(target.subresource().isEmpty() ? null : target.subresource())
                    .withNamespace(target.namespace().isEmpty() ? null : target.namespace())
                    .withName(target.name())
                    .build())
            .endSpec()
            .build();
    try {
      SubjectAccessReviewStatus status = client.resource(review).create().getStatus();
      if (status == null) {
        return new Decision(false, "");
      }
      return new Decision(
          Boolean.TRUE.equals(status.getAllowed()),
          status.getReason() == null ? "" : status.getReason());
    } catch (KubernetesClientException e) {
      LOG.warnf("cannot review an impersonation at the kube-apiserver: %s", e.getMessage());
      return new Decision(false, "");
    }
  }
}

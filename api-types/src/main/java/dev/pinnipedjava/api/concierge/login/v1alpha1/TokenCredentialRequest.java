package dev.pinnipedjava.api.concierge.login.v1alpha1;

import dev.pinnipedjava.api.aggregated.AggregatedApiObject;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Submits a token to the Concierge in exchange for a short-lived cluster credential. Cluster-scoped
 * and create-only; served by the Concierge's aggregated API, never stored.
 */
@Group(ConciergeLoginGroup.NAME)
@Version(ConciergeLoginGroup.VERSION)
@Kind("TokenCredentialRequest")
@Plural("tokencredentialrequests")
@Singular("tokencredentialrequest")
public class TokenCredentialRequest
    extends AggregatedApiObject<TokenCredentialRequestSpec, TokenCredentialRequestStatus> {
  private static final long serialVersionUID = 1L;
}

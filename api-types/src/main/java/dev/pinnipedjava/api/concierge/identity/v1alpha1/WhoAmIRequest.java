package dev.pinnipedjava.api.concierge.identity.v1alpha1;

import dev.pinnipedjava.api.aggregated.AggregatedApiObject;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Asks the Concierge to echo back the caller's identity. Cluster-scoped and create-only; served by
 * the Concierge's aggregated API, never stored.
 */
@Group(ConciergeIdentityGroup.NAME)
@Version(ConciergeIdentityGroup.VERSION)
@Kind("WhoAmIRequest")
@Plural("whoamirequests")
@Singular("whoamirequest")
public class WhoAmIRequest extends AggregatedApiObject<WhoAmIRequestSpec, WhoAmIRequestStatus> {
  private static final long serialVersionUID = 1L;
}

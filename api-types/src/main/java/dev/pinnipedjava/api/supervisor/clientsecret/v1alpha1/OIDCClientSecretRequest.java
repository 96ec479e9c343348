package dev.pinnipedjava.api.supervisor.clientsecret.v1alpha1;

import dev.pinnipedjava.api.aggregated.AggregatedApiObject;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Generates and/or revokes client secrets of the OIDCClient whose name is this request's {@code
 * metadata.name}. Namespaced (the Supervisor's namespace) and create-only; served by the
 * Supervisor's aggregated API, never stored.
 */
@Group(SupervisorClientSecretGroup.NAME)
@Version(SupervisorClientSecretGroup.VERSION)
@Kind("OIDCClientSecretRequest")
@Plural("oidcclientsecretrequests")
@Singular("oidcclientsecretrequest")
public class OIDCClientSecretRequest
    extends AggregatedApiObject<OIDCClientSecretRequestSpec, OIDCClientSecretRequestStatus>
    implements Namespaced {
  private static final long serialVersionUID = 1L;
}

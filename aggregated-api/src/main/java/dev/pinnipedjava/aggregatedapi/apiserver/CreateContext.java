package dev.pinnipedjava.aggregatedapi.apiserver;

import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import java.util.List;

/**
 * What a create handler knows about the request besides the object.
 *
 * @param caller who made the request
 * @param dryRun the {@code dryRun} query values; Kubernetes' only value is {@code All}
 * @param auditId the request's audit ID (the kube-apiserver's, when it proxied the request)
 * @param remoteAddress the peer's IP address
 * @param namespace the namespace of the request's path; empty for cluster-scoped resources
 */
public record CreateContext(
    KubernetesUser caller,
    List<String> dryRun,
    String auditId,
    String remoteAddress,
    String namespace) {
  public CreateContext {
    dryRun = List.copyOf(dryRun);
  }

  /** The context of a create of a cluster-scoped resource. */
  public CreateContext(
      KubernetesUser caller, List<String> dryRun, String auditId, String remoteAddress) {
    this(caller, dryRun, auditId, remoteAddress, "");
  }

  /**
   * The validation cause for a dry run, which these virtual resources cannot honour: Pinniped
   * rejects it rather than pretend.
   */
  public List<ApiError.Cause> dryRunCauses() {
    if (dryRun.isEmpty()) {
      return List.of();
    }
    return List.of(
        new ApiError.Cause(
            "FieldValueNotSupported",
            "dryRun",
            "Unsupported value: ["
                + String.join(", ", dryRun.stream().map(v -> "\"" + v + "\"").toList())
                + "]"));
  }
}

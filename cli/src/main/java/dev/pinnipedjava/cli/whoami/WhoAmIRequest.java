package dev.pinnipedjava.cli.whoami;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code identity.concierge.<suffix>/v1alpha1} WhoAmIRequest, in the field order and with the empty
 * values Kubernetes' Go serialization writes, so {@code whoami -o json|yaml} prints what Pinniped
 * prints.
 */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "spec", "status"})
public record WhoAmIRequest(
    @Nullable String kind,
    @Nullable String apiVersion,
    Metadata metadata,
    Spec spec,
    Status status) {

  public WhoAmIRequest {
    metadata = metadata == null ? new Metadata(null) : metadata;
    spec = spec == null ? new Spec() : spec;
    status = status == null ? new Status(null) : status;
  }

  /** An empty request for the given API version. */
  public static WhoAmIRequest create(String apiVersion) {
    return new WhoAmIRequest(
        "WhoAmIRequest", apiVersion, new Metadata(null), new Spec(), new Status(null));
  }

  public WhoAmIRequest withTypeMeta(String apiVersion) {
    return new WhoAmIRequest("WhoAmIRequest", apiVersion, metadata, spec, status);
  }

  public UserInfo user() {
    KubernetesUserInfo info = status.kubernetesUserInfo();
    return info == null || info.user() == null ? new UserInfo("", null, null, null) : info.user();
  }

  /** Only the creation timestamp is kept; Go always writes it, as null when unset. */
  public record Metadata(
      @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Instant creationTimestamp) {}

  /** The request has no parameters. */
  public record Spec() {}

  public record Status(@Nullable KubernetesUserInfo kubernetesUserInfo) {}

  public record KubernetesUserInfo(@Nullable UserInfo user) {}

  /** Who the cluster says the caller is. */
  @JsonPropertyOrder({"username", "uid", "groups", "extra"})
  public record UserInfo(
      String username,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable String uid,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable List<String> groups,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable Map<String, List<String>> extra) {
    public UserInfo {
      username = username == null ? "" : username;
    }
  }
}

package dev.pinnipedjava.api.aggregated;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request/response object of an aggregated API, with the {@code apiVersion}, {@code kind} and
 * {@code metadata} every Kubernetes object has. It is not a {@code CustomResource}, so no CRD is
 * generated for it; fabric8's {@code client.resources(type)} still works with it.
 *
 * <p>{@link #toString()} names the object only: specs and statuses of these APIs carry tokens and
 * keys.
 *
 * @param <S> the spec type
 * @param <T> the status type
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public abstract class AggregatedApiObject<S, T> implements HasMetadata {
  private static final long serialVersionUID = 1L;

  private String apiVersion;
  private String kind;
  private ObjectMeta metadata = new ObjectMeta();
  private @Nullable S spec;
  private @Nullable T status;

  protected AggregatedApiObject() {
    this.apiVersion = HasMetadata.getApiVersion(getClass());
    this.kind = HasMetadata.getKind(getClass());
  }

  @Override
  public String getApiVersion() {
    return apiVersion;
  }

  @Override
  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  @Override
  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  @Override
  public ObjectMeta getMetadata() {
    return metadata;
  }

  @Override
  public void setMetadata(ObjectMeta metadata) {
    this.metadata = metadata;
  }

  public @Nullable S getSpec() {
    return spec;
  }

  public void setSpec(@Nullable S spec) {
    this.spec = spec;
  }

  public @Nullable T getStatus() {
    return status;
  }

  public void setStatus(@Nullable T status) {
    this.status = status;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    // apiVersion and kind tell the subclasses apart
    if (!(other instanceof AggregatedApiObject<?, ?> that)) {
      return false;
    }
    return apiVersion.equals(that.apiVersion)
        && kind.equals(that.kind)
        && Objects.equals(metadata, that.metadata)
        && Objects.equals(spec, that.spec)
        && Objects.equals(status, that.status);
  }

  @Override
  public int hashCode() {
    return Objects.hash(apiVersion, kind, metadata, spec, status);
  }

  @Override
  public String toString() {
    return kind + "(" + apiVersion + ", name=" + metadata.getName() + ")";
  }
}

package dev.pinnipedjava.cli.conciergediscovery;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTAuthenticatorSpec;
import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuerStatus;
import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuerStrategy;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Kubernetes objects discovery reads, as JSON envelopes around the api-types records. Values a
 * newer server may add to an enum read as null and are skipped, rather than failing the command.
 */
final class ConciergeObjects {

  private ConciergeObjects() {}

  record Metadata(@Nullable String name) {
    String nameOrEmpty() {
      return name == null ? "" : name;
    }
  }

  record ObjectList<T>(@Nullable List<T> items) {
    List<T> present() {
      return items == null ? List.of() : items.stream().filter(Objects::nonNull).toList();
    }
  }

  record CredentialIssuerObject(Metadata metadata, @Nullable CredentialIssuerStatus status) {
    List<CredentialIssuerStrategy> strategies() {
      return status == null || status.strategies() == null
          ? List.of()
          : status.strategies().stream().filter(Objects::nonNull).toList();
    }
  }

  record JwtAuthenticatorObject(Metadata metadata, @Nullable JWTAuthenticatorSpec spec) {}

  record WebhookAuthenticatorObject(Metadata metadata) {}

  record ApiServiceObject(Metadata metadata, @Nullable ApiServiceSpec spec) {}

  record ApiServiceSpec(@Nullable String group, @Nullable ServiceReference service) {}

  record ServiceReference(@Nullable String namespace, @Nullable String name) {}

  /** A Secret or ConfigMap: {@code data} holds base64 values in a Secret, text in a ConfigMap. */
  record DataObject(@Nullable Map<String, String> data) {}

  /** The reader: like the CLI's other JSON, plus unknown enum values read as null. */
  static ObjectMapper json() {
    return Holder.MAPPER;
  }

  /** Reads one type from a JSON tree. */
  record Reader<T>(ObjectReader reader) {
    T read(JsonNode tree) throws IOException {
      return reader.readValue(tree);
    }
  }

  static <T> Reader<ObjectList<T>> listOf(Class<T> itemType) {
    JavaType type = json().getTypeFactory().constructParametricType(ObjectList.class, itemType);
    return new Reader<>(json().readerFor(type));
  }

  static <T> Reader<T> readerFor(Class<T> type) {
    return new Reader<>(json().readerFor(type));
  }

  private static final class Holder {
    static final ObjectMapper MAPPER =
        dev.pinnipedjava.cli.kubejson.KubeJson.json()
            .copy()
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
  }
}

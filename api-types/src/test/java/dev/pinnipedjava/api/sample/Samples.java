package dev.pinnipedjava.api.sample;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The sample objects under {@code src/test/resources/samples}, named after their kind in lower
 * case, read with the serialization fabric8's clients use.
 */
public final class Samples {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Samples() {}

  /** The sample of a kind as its YAML text. */
  public static String text(String kind) {
    String resource = "/samples/" + kind.toLowerCase(java.util.Locale.ROOT) + ".yaml";
    try (InputStream in = Samples.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sample " + resource, e);
    }
  }

  /** The sample of a type's kind, read into that type. */
  public static <T> T read(Class<T> type) {
    return SERIALIZATION.unmarshal(text(type.getSimpleName()), type);
  }

  /** The serialization fabric8's clients use. */
  public static KubernetesSerialization serialization() {
    return SERIALIZATION;
  }
}

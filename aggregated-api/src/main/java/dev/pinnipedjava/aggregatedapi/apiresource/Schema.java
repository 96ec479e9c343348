package dev.pinnipedjava.aggregatedapi.apiresource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A small subset of OpenAPI schemas, enough to describe the served kinds. The OpenAPI documents
 * render it; nested objects stay inline so each kind is self-describing.
 */
public sealed interface Schema {
  String description();

  /** A string, optionally with an OpenAPI format such as {@code date-time}. */
  record StringSchema(String description, @Nullable String format) implements Schema {}

  /** A 64-bit integer. */
  record IntegerSchema(String description) implements Schema {}

  /** A boolean. */
  record BooleanSchema(String description) implements Schema {}

  /** A list of values of one schema. */
  record ArraySchema(String description, Schema items) implements Schema {}

  /** A map from strings to values of one schema. */
  record MapSchema(String description, Schema values) implements Schema {}

  /** The standard Kubernetes ObjectMeta. */
  record ObjectMetaSchema(String description) implements Schema {}

  /** An object with named properties, in declaration order. */
  record ObjectSchema(String description, Map<String, Schema> properties, List<String> required)
      implements Schema {
    public ObjectSchema {
      properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
      required = List.copyOf(required);
    }
  }

  static StringSchema string(String description) {
    return new StringSchema(description, null);
  }

  static StringSchema dateTime(String description) {
    return new StringSchema(description, "date-time");
  }

  static BooleanSchema bool(String description) {
    return new BooleanSchema(description);
  }

  static IntegerSchema int64(String description) {
    return new IntegerSchema(description);
  }

  static ArraySchema arrayOf(String description, Schema items) {
    return new ArraySchema(description, items);
  }

  static MapSchema mapOf(String description, Schema values) {
    return new MapSchema(description, values);
  }

  /** Starts an object schema; properties keep the order they are added in. */
  static ObjectBuilder object(String description) {
    return new ObjectBuilder(description);
  }

  /** Builds an {@link ObjectSchema}. */
  final class ObjectBuilder {
    private final String description;
    private final Map<String, Schema> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    private ObjectBuilder(String description) {
      this.description = description;
    }

    public ObjectBuilder property(String name, Schema schema) {
      properties.put(name, schema);
      return this;
    }

    public ObjectBuilder requiredProperty(String name, Schema schema) {
      required.add(name);
      return property(name, schema);
    }

    public ObjectSchema build() {
      return new ObjectSchema(description, properties, required);
    }
  }
}

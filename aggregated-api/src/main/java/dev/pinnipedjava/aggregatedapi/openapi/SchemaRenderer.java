package dev.pinnipedjava.aggregatedapi.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinnipedjava.aggregatedapi.apiresource.Schema;
import java.util.Map;

/**
 * Renders {@link Schema}s as OpenAPI schema objects. References point at {@code refPrefix}: {@code
 * #/definitions/} in OpenAPI v2, {@code #/components/schemas/} in v3.
 */
final class SchemaRenderer {
  private final ObjectMapper mapper;
  private final String refPrefix;
  private final boolean refsNeedAllOf;

  /**
   * @param refsNeedAllOf true for OpenAPI v3, where a {@code $ref} ignores siblings such as the
   *     description, so Kubernetes wraps references in {@code allOf}
   */
  SchemaRenderer(ObjectMapper mapper, String refPrefix, boolean refsNeedAllOf) {
    this.mapper = mapper;
    this.refPrefix = refPrefix;
    this.refsNeedAllOf = refsNeedAllOf;
  }

  ObjectNode render(Schema schema) {
    ObjectNode node = mapper.createObjectNode();
    if (schema instanceof Schema.StringSchema string) {
      node.put("description", string.description()).put("type", "string");
      if (string.format() != null) {
        node.put("format", string.format());
      }
    } else if (schema instanceof Schema.IntegerSchema integer) {
      node.put("description", integer.description()).put("type", "integer").put("format", "int64");
    } else if (schema instanceof Schema.BooleanSchema bool) {
      node.put("description", bool.description()).put("type", "boolean");
    } else if (schema instanceof Schema.ArraySchema array) {
      node.put("description", array.description()).put("type", "array");
      node.set("items", render(array.items()));
    } else if (schema instanceof Schema.MapSchema map) {
      node.put("description", map.description()).put("type", "object");
      node.set("additionalProperties", render(map.values()));
    } else if (schema instanceof Schema.ObjectMetaSchema meta) {
      node.setAll(reference(OpenApiDocuments.OBJECT_META, meta.description()));
    } else if (schema instanceof Schema.ObjectSchema object) {
      node.put("description", object.description()).put("type", "object");
      ObjectNode properties = node.putObject("properties");
      for (Map.Entry<String, Schema> property : object.properties().entrySet()) {
        properties.set(property.getKey(), render(property.getValue()));
      }
      if (!object.required().isEmpty()) {
        ArrayNode required = node.putArray("required");
        object.required().forEach(required::add);
      }
    }
    return node;
  }

  /** A reference to a named schema, keeping a description next to it. */
  ObjectNode reference(String name, String description) {
    ObjectNode node = mapper.createObjectNode();
    node.put("description", description);
    ObjectNode ref = mapper.createObjectNode().put("$ref", refPrefix + name);
    if (refsNeedAllOf) {
      node.putArray("allOf").add(ref);
      node.putObject("default");
    } else {
      node.setAll(ref);
    }
    return node;
  }

  /** A bare reference, as used for request and response bodies. */
  ObjectNode bareReference(String name) {
    return mapper.createObjectNode().put("$ref", refPrefix + name);
  }
}

package dev.pinnipedjava.aggregatedapi.apiserver;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;
import dev.pinnipedjava.api.aggregated.AggregatedApiObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Encodes responses and decodes request objects the way Kubernetes' JSON serializer does: types are
 * strict (no number for a string), unknown fields are collected for field validation, an omitted or
 * null field of a primitive type gets its zero value (as a Go struct field does), and an object
 * without {@code apiVersion}/{@code kind} takes the endpoint's.
 */
public final class ApiJson {
  /** Deeper nesting than any request object has is refused before it costs anything. */
  private static final int MAX_NESTING_DEPTH = 64;

  private final ObjectMapper mapper;

  public ApiJson() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .defaultPropertyInclusion(
                JsonInclude.Value.construct(
                    JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .findAndAddModules()
            .addMixIn(AggregatedApiObject.class, PlainDeserialization.class)
            .withCoercionConfig(
                LogicalType.Textual,
                strings ->
                    strings
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();
  }

  /**
   * fabric8's {@code KubernetesResource} routes deserialization through its registry of kinds,
   * which does not know the aggregated kinds; objects of a known class are read as plain beans.
   */
  @JsonDeserialize(using = JsonDeserializer.None.class)
  private abstract static class PlainDeserialization {}

  /** The mapper, for building documents. */
  public ObjectMapper mapper() {
    return mapper;
  }

  public byte[] encode(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  /** The result of decoding a request body. */
  public sealed interface Decoding<T> {
    /** The object, and the paths of fields its type does not have (for field validation). */
    record Decoded<T>(T object, List<String> unknownFields) implements Decoding<T> {
      public Decoded {
        unknownFields = List.copyOf(unknownFields);
      }
    }

    /** The body is not an object of the resource. */
    record Undecodable<T>(ApiError error) implements Decoding<T> {}
  }

  /** Decodes a request body as an object of the resource's kind. */
  public <T> Decoding<T> decode(byte[] body, ApiResource resource, Class<T> type) {
    String expectation =
        "the object provided is unrecognized (must be of type " + resource.kind() + ")";
    JsonNode tree;
    try {
      tree = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      // Jackson's own message may quote the input, which can hold a token.
      return undecodable(
          expectation
              + ": json parse error at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (tree == null || !tree.isObject()) {
      return undecodable(expectation + ": the body is not a JSON object");
    }
    ObjectNode object = (ObjectNode) tree;
    String expectedApiVersion = resource.groupVersion().apiVersion();
    @Nullable String apiVersion = textField(object, "apiVersion");
    if (apiVersion != null && !apiVersion.equals(expectedApiVersion)) {
      return undecodable(
          "the API version in the data ("
              + apiVersion
              + ") does not match the expected API version ("
              + expectedApiVersion
              + ")");
    }
    @Nullable String kind = textField(object, "kind");
    if (kind != null && !kind.equals(resource.kind())) {
      return undecodable(
          expectation + ": kind \"" + kind + "\" is not served at " + resource.path());
    }
    object.put("apiVersion", expectedApiVersion);
    object.put("kind", resource.kind());

    UnknownFieldCollector unknownFields = new UnknownFieldCollector();
    try {
      T decoded = mapper.readerFor(type).withHandler(unknownFields).readValue(object);
      return new Decoding.Decoded<>(decoded, unknownFields.paths);
    } catch (JsonMappingException e) {
      return undecodable(expectation + ": cannot decode " + path(e) + ": wrong type or value");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> Decoding<T> undecodable(String message) {
    return new Decoding.Undecodable<>(ApiError.badRequest(message));
  }

  private static @Nullable String textField(ObjectNode object, String name) {
    JsonNode value = object.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String path(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(
                reference ->
                    reference.getFieldName() != null
                        ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    return path.isEmpty() ? "the object" : path;
  }

  /** Skips fields the target type lacks, remembering their dotted paths. */
  private static final class UnknownFieldCollector extends DeserializationProblemHandler {
    private final List<String> paths = new ArrayList<>();

    @Override
    public boolean handleUnknownProperty(
        DeserializationContext context,
        JsonParser parser,
        JsonDeserializer<?> deserializer,
        Object beanOrClass,
        String propertyName)
        throws IOException {
      String parent = parentPath(parser);
      paths.add(parent.isEmpty() ? propertyName : parent + "." + propertyName);
      parser.skipChildren();
      return true;
    }

    private static String parentPath(JsonParser parser) {
      // The pointer names the unknown field itself; drop its last segment.
      String pointer = parser.getParsingContext().pathAsPointer().toString();
      int lastSlash = pointer.lastIndexOf('/');
      String parent = lastSlash <= 0 ? "" : pointer.substring(1, lastSlash);
      return parent.replace('/', '.');
    }
  }
}

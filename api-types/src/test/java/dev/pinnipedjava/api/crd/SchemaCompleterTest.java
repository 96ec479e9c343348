package dev.pinnipedjava.api.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinnipedjava.api.schema.AtomicObject;
import dev.pinnipedjava.api.schema.Format;
import dev.pinnipedjava.api.schema.JsonDefault;
import dev.pinnipedjava.api.schema.ListType;
import dev.pinnipedjava.api.schema.MetadataNamePattern;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaCompleterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  enum Color {
    @JsonProperty("red")
    RED,
    @JsonProperty("blue")
    BLUE,
    @JsonProperty("amber")
    AMBER
  }

  @AtomicObject
  record Ref(String name) {}

  record Item(String key, Integer count) {}

  record Tagged(@ListType(ListType.Topology.SET) List<String> tags) {}

  record Keyed(@ListType(value = ListType.Topology.MAP, mapKeys = "key") List<Item> items) {}

  record Referring(Ref ref) {}

  record Timed(@Format("date-time") String when) {}

  record Counted(Integer small, Long big) {}

  record Defaulted(@JsonDefault("{}") Ref ref, @JsonDefault("\"\"") String name) {}

  record Colored(Color color) {}

  record Mapped(Map<String, Item> byName) {}

  @JsonClassDescription("A described thing.")
  record Described(String name) {}

  record Describing(Described first, @JsonPropertyDescription("Said here.") Described second) {}

  record Case(String name, Class<?> type, String schema, String wantSchema) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> completions() {
    return Stream.of(
        new Case(
            "a set list",
            Tagged.class,
            "{'properties': {'tags': {'type': 'array', 'items': {'type': 'string'}}}}",
            "{'properties': {'tags': {'type': 'array', 'items': {'type': 'string'},"
                + " 'x-kubernetes-list-type': 'set'}}}"),
        new Case(
            "a map list of objects, whose integers get their format",
            Keyed.class,
            "{'properties': {'items': {'type': 'array', 'items': {'type': 'object', 'properties':"
                + " {'key': {'type': 'string'}, 'count': {'type': 'integer'}}}}}}",
            "{'properties': {'items': {'type': 'array', 'items': {'type': 'object', 'properties':"
                + " {'key': {'type': 'string'}, 'count': {'type': 'integer', 'format': 'int32'}}},"
                + " 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['key']}}}"),
        new Case(
            "an atomic object wherever it is used",
            Referring.class,
            "{'properties': {'ref': {'type': 'object', 'properties': {'name': {'type':"
                + " 'string'}}}}}",
            "{'properties': {'ref': {'type': 'object', 'properties': {'name': {'type':"
                + " 'string'}}, 'x-kubernetes-map-type': 'atomic'}}}"),
        new Case(
            "a string format",
            Timed.class,
            "{'properties': {'when': {'type': 'string'}}}",
            "{'properties': {'when': {'type': 'string', 'format': 'date-time'}}}"),
        new Case(
            "integer formats and whole-number bounds",
            Counted.class,
            "{'properties': {'small': {'type': 'integer', 'minimum': 120.0, 'maximum': 1800.0},"
                + " 'big': {'type': 'integer', 'minimum': 0.5}}}",
            "{'properties': {'small': {'type': 'integer', 'minimum': 120, 'maximum': 1800,"
                + " 'format': 'int32'}, 'big': {'type': 'integer', 'minimum': 0.5, 'format':"
                + " 'int64'}}}"),
        new Case(
            "JSON defaults",
            Defaulted.class,
            "{'properties': {'ref': {'type': 'object', 'properties': {'name': {'type':"
                + " 'string'}}}, 'name': {'type': 'string'}}}",
            "{'properties': {'ref': {'type': 'object', 'properties': {'name': {'type':"
                + " 'string'}}, 'default': {}, 'x-kubernetes-map-type': 'atomic'}, 'name':"
                + " {'type': 'string', 'default': ''}}}"),
        new Case(
            "enum values in declaration order",
            Colored.class,
            "{'properties': {'color': {'type': 'string', 'enum': ['amber', 'blue', 'red']}}}",
            "{'properties': {'color': {'type': 'string', 'enum': ['red', 'blue', 'amber']}}}"),
        new Case(
            "map values",
            Mapped.class,
            "{'properties': {'byName': {'type': 'object', 'additionalProperties': {'type':"
                + " 'object', 'properties': {'key': {'type': 'string'}, 'count': {'type':"
                + " 'integer'}}}}}}",
            "{'properties': {'byName': {'type': 'object', 'additionalProperties': {'type':"
                + " 'object', 'properties': {'key': {'type': 'string'}, 'count': {'type':"
                + " 'integer', 'format': 'int32'}}}}}}"),
        new Case(
            "class descriptions where the property gives none",
            Describing.class,
            "{'properties': {'first': {'type': 'object', 'properties': {'name': {'type':"
                + " 'string'}}}, 'second': {'type': 'object', 'description': 'Said here.',"
                + " 'properties': {'name': {'type': 'string'}}}}}",
            "{'properties': {'first': {'type': 'object', 'description': 'A described thing.',"
                + " 'properties': {'name': {'type': 'string'}}}, 'second': {'type': 'object',"
                + " 'description': 'Said here.', 'properties': {'name': {'type': 'string'}}}}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("completions")
  void completesTheSchema(Case c) throws Exception {
    ObjectNode schema = json(c.schema());

    new SchemaCompleter().complete(JSON.constructType(c.type()), schema);

    assertThat(schema).isEqualTo(json(c.wantSchema()));
  }

  @Test
  void anEnumTheSchemaDisagreesWithIsAnError() throws Exception {
    ObjectNode schema = json("{'properties': {'color': {'type': 'string', 'enum': ['red']}}}");
    JavaType colored = JSON.constructType(Colored.class);

    assertThatThrownBy(() -> new SchemaCompleter().complete(colored, schema))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("enum Color is [red, blue, amber] but its schema lists [red]");
  }

  @Test
  void aPropertyMissingFromTheSchemaIsAnError() throws Exception {
    ObjectNode schema = json("{'properties': {}}");
    JavaType timed = JSON.constructType(Timed.class);

    assertThatThrownBy(() -> new SchemaCompleter().complete(timed, schema))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the generated schema of Timed.when has no when");
  }

  record WidgetSpec(Integer size) {}

  record WidgetStatus(Long observed) {}

  @MetadataNamePattern("^widget-")
  static class Widget extends CustomResource<WidgetSpec, WidgetStatus> {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void customResourceSpecStatusAndNamePattern() throws Exception {
    ObjectNode schema =
        json(
            "{'properties': {'spec': {'type': 'object', 'properties': {'size': {'type':"
                + " 'integer'}}}, 'status': {'type': 'object', 'properties': {'observed': {'type':"
                + " 'integer'}}}}}");

    new SchemaCompleter().completeCustomResource(Widget.class, schema);

    assertThat(schema)
        .isEqualTo(
            json(
                "{'properties': {'spec': {'type': 'object', 'properties': {'size': {'type':"
                    + " 'integer', 'format': 'int32'}}}, 'status': {'type': 'object',"
                    + " 'properties': {'observed': {'type': 'integer', 'format': 'int64'}}},"
                    + " 'metadata': {'type': 'object', 'properties': {'name': {'type': 'string',"
                    + " 'pattern': '^widget-'}}}}}"));
  }

  private static ObjectNode json(String singleQuoted) throws Exception {
    return (ObjectNode) JSON.readTree(singleQuoted.replace('\'', '"'));
  }
}

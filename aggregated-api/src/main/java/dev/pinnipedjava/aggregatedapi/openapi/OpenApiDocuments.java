package dev.pinnipedjava.aggregatedapi.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;
import dev.pinnipedjava.aggregatedapi.apiresource.GroupVersion;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI documents of the served resources, built once. The kube-apiserver downloads {@code
 * /openapi/v2} and {@code /openapi/v3} (then each group version the latter lists) from every
 * aggregated server and publishes them; {@code kubectl explain} and kubectl's field validation read
 * them from there.
 */
public final class OpenApiDocuments {
  static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
  static final String LIST_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";

  private static final String V2_REFS = "#/definitions/";
  private static final String V3_REFS = "#/components/schemas/";

  private final ObjectMapper mapper;
  private final String title;
  private final String version;
  private final byte[] v2;
  private final Map<GroupVersion, byte[]> v3ByGroupVersion;
  private final byte[] v3Discovery;

  /**
   * @param title the documents' {@code info.title}
   * @param version the documents' {@code info.version}, the server's version
   */
  public OpenApiDocuments(
      List<ApiResource> resources, ObjectMapper mapper, String title, String version) {
    this.mapper = mapper;
    this.title = title;
    this.version = version;
    this.v2 = bytes(v2Document(resources));
    Map<GroupVersion, List<ApiResource>> byGroupVersion = new LinkedHashMap<>();
    resources.forEach(
        resource ->
            byGroupVersion
                .computeIfAbsent(resource.groupVersion(), groupVersion -> new ArrayList<>())
                .add(resource));
    Map<GroupVersion, byte[]> v3 = new LinkedHashMap<>();
    byGroupVersion.forEach(
        (groupVersion, served) -> v3.put(groupVersion, bytes(v3Document(served))));
    this.v3ByGroupVersion = Collections.unmodifiableMap(v3);
    this.v3Discovery = bytes(v3DiscoveryDocument());
  }

  /** {@code /openapi/v2}: one Swagger 2.0 document of every served resource. */
  public byte[] v2() {
    return v2.clone();
  }

  /** {@code /openapi/v3}: the group versions with a v3 document, and where to get each. */
  public byte[] v3Discovery() {
    return v3Discovery.clone();
  }

  /** {@code /openapi/v3/apis/<group>/<version>}, when served. */
  public Optional<byte[]> v3(GroupVersion groupVersion) {
    return Optional.ofNullable(v3ByGroupVersion.get(groupVersion)).map(byte[]::clone);
  }

  private ObjectNode v2Document(List<ApiResource> resources) {
    SchemaRenderer renderer = new SchemaRenderer(mapper, V2_REFS, false);
    ObjectNode document = mapper.createObjectNode().put("swagger", "2.0");
    document.putObject("info").put("title", title).put("version", version);
    ObjectNode paths = document.putObject("paths");
    ObjectNode definitions = document.putObject("definitions");
    for (ApiResource resource : resources) {
      paths.set(resource.path(), v2Operations(resource, renderer));
      addDefinitions(definitions, resource, renderer);
    }
    definitions.set(OBJECT_META, renderer.render(StandardSchemas.OBJECT_META));
    definitions.set(LIST_META, renderer.render(StandardSchemas.LIST_META));
    return document;
  }

  private ObjectNode v3Document(List<ApiResource> resources) {
    SchemaRenderer renderer = new SchemaRenderer(mapper, V3_REFS, true);
    ObjectNode document = mapper.createObjectNode().put("openapi", "3.0.0");
    document.putObject("info").put("title", title).put("version", version);
    ObjectNode paths = document.putObject("paths");
    ObjectNode schemas = document.putObject("components").putObject("schemas");
    for (ApiResource resource : resources) {
      paths.set(resource.path(), v3Operations(resource, renderer));
      addDefinitions(schemas, resource, renderer);
    }
    schemas.set(OBJECT_META, renderer.render(StandardSchemas.OBJECT_META));
    schemas.set(LIST_META, renderer.render(StandardSchemas.LIST_META));
    return document;
  }

  private ObjectNode v3DiscoveryDocument() {
    ObjectNode document = mapper.createObjectNode();
    ObjectNode paths = document.putObject("paths");
    v3ByGroupVersion.forEach(
        (groupVersion, bytes) ->
            paths
                .putObject("apis/" + groupVersion.group() + "/" + groupVersion.version())
                .put(
                    "serverRelativeURL",
                    "/openapi/v3" + groupVersion.path() + "?hash=" + sha512(bytes)));
    return document;
  }

  private void addDefinitions(
      ObjectNode definitions, ApiResource resource, SchemaRenderer renderer) {
    ObjectNode object = renderer.render(resource.schema());
    object.set("x-kubernetes-group-version-kind", groupVersionKinds(resource, resource.kind()));
    definitions.set(definitionName(resource, resource.kind()), object);

    ObjectNode list = mapper.createObjectNode();
    list.put("description", resource.listKind() + " is a list of " + resource.kind() + " objects.")
        .put("type", "object");
    ObjectNode properties = list.putObject("properties");
    properties.set("apiVersion", apiVersionProperty());
    properties.set("kind", kindProperty());
    ObjectNode items = properties.putObject("items");
    items.put("description", "The objects; always empty, since they are never stored.");
    items.put("type", "array");
    items.set("items", renderer.bareReference(definitionName(resource, resource.kind())));
    properties.set("metadata", renderer.reference(LIST_META, "Standard list metadata."));
    list.putArray("required").add("items");
    list.set("x-kubernetes-group-version-kind", groupVersionKinds(resource, resource.listKind()));
    definitions.set(definitionName(resource, resource.listKind()), list);
  }

  private ObjectNode apiVersionProperty() {
    return mapper
        .createObjectNode()
        .put(
            "description",
            "APIVersion defines the versioned schema of this representation of an object.")
        .put("type", "string");
  }

  private ObjectNode kindProperty() {
    return mapper
        .createObjectNode()
        .put(
            "description",
            "Kind is a string value representing the REST resource this object represents.")
        .put("type", "string");
  }

  private ArrayNode groupVersionKinds(ApiResource resource, String kind) {
    ArrayNode array = mapper.createArrayNode();
    array
        .addObject()
        .put("group", resource.groupVersion().group())
        .put("kind", kind)
        .put("version", resource.groupVersion().version());
    return array;
  }

  private ObjectNode v2Operations(ApiResource resource, SchemaRenderer renderer) {
    ObjectNode path = mapper.createObjectNode();
    ObjectNode list = path.putObject("get");
    common(list, resource, "list", "list objects of kind " + resource.kind());
    list.putArray("produces").add("application/json");
    ObjectNode listResponses = list.putObject("responses");
    listResponses.set(
        "200",
        v2Response("OK", renderer.bareReference(definitionName(resource, resource.listKind()))));
    listResponses.putObject("401").put("description", "Unauthorized");

    ObjectNode create = path.putObject("post");
    common(create, resource, "create", "create a " + resource.kind());
    create.putArray("consumes").add("application/json");
    create.putArray("produces").add("application/json");
    ArrayNode parameters = create.putArray("parameters");
    parameters
        .addObject()
        .put("name", "body")
        .put("in", "body")
        .put("required", true)
        .set("schema", renderer.bareReference(definitionName(resource, resource.kind())));
    createQueryParameters().forEach(parameter -> parameters.add(v2QueryParameter(parameter)));
    ObjectNode responses = create.putObject("responses");
    ObjectNode body = renderer.bareReference(definitionName(resource, resource.kind()));
    responses.set("200", v2Response("OK", body));
    responses.set("201", v2Response("Created", body));
    responses.putObject("401").put("description", "Unauthorized");
    return path;
  }

  private ObjectNode v3Operations(ApiResource resource, SchemaRenderer renderer) {
    ObjectNode path = mapper.createObjectNode();
    ObjectNode list = path.putObject("get");
    common(list, resource, "list", "list objects of kind " + resource.kind());
    ObjectNode listResponses = list.putObject("responses");
    listResponses.set(
        "200",
        v3Response("OK", renderer.bareReference(definitionName(resource, resource.listKind()))));
    listResponses.putObject("401").put("description", "Unauthorized");

    ObjectNode create = path.putObject("post");
    common(create, resource, "create", "create a " + resource.kind());
    ArrayNode parameters = create.putArray("parameters");
    createQueryParameters().forEach(parameter -> parameters.add(v3QueryParameter(parameter)));
    ObjectNode requestBody = create.putObject("requestBody");
    requestBody
        .putObject("content")
        .putObject("application/json")
        .set("schema", renderer.bareReference(definitionName(resource, resource.kind())));
    requestBody.put("required", true);
    ObjectNode responses = create.putObject("responses");
    ObjectNode body = renderer.bareReference(definitionName(resource, resource.kind()));
    responses.set("200", v3Response("OK", body));
    responses.set("201", v3Response("Created", body));
    responses.putObject("401").put("description", "Unauthorized");
    return path;
  }

  private void common(
      ObjectNode operation, ApiResource resource, String action, String description) {
    operation.put("description", description);
    operation.put("operationId", action + operationSuffix(resource));
    operation.putArray("tags").add(tag(resource));
    operation.put("x-kubernetes-action", action.equals("create") ? "post" : action);
    operation
        .putObject("x-kubernetes-group-version-kind")
        .put("group", resource.groupVersion().group())
        .put("kind", resource.kind())
        .put("version", resource.groupVersion().version());
  }

  private ObjectNode v2Response(String description, ObjectNode schema) {
    ObjectNode response = mapper.createObjectNode().put("description", description);
    response.set("schema", schema);
    return response;
  }

  private ObjectNode v3Response(String description, ObjectNode schema) {
    ObjectNode response = mapper.createObjectNode().put("description", description);
    response.putObject("content").putObject("application/json").set("schema", schema);
    return response;
  }

  /** A query parameter of create, as Kubernetes documents it. */
  private record QueryParameter(String name, String description) {}

  // kubectl checks that the server documents fieldValidation before sending it.
  private static List<QueryParameter> createQueryParameters() {
    return List.of(
        new QueryParameter(
            "dryRun",
            "When present, indicates that modifications should not be persisted. Not supported"
                + " by these resources: a request with dryRun is rejected."),
        new QueryParameter(
            "fieldManager",
            "A name associated with the actor or entity that is making these changes."),
        new QueryParameter(
            "fieldValidation",
            "How the server treats unknown fields in the request body: Ignore, Warn (the default)"
                + " or Strict."),
        new QueryParameter("pretty", "If 'true', then the output is pretty printed."));
  }

  private ObjectNode v2QueryParameter(QueryParameter parameter) {
    return mapper
        .createObjectNode()
        .put("name", parameter.name())
        .put("in", "query")
        .put("type", "string")
        .put("uniqueItems", true)
        .put("description", parameter.description());
  }

  private ObjectNode v3QueryParameter(QueryParameter parameter) {
    ObjectNode node =
        mapper
            .createObjectNode()
            .put("name", parameter.name())
            .put("in", "query")
            .put("description", parameter.description());
    node.putObject("schema").put("type", "string").put("uniqueItems", true);
    return node;
  }

  /**
   * A definition name in Kubernetes' reverse-domain style, for example {@code
   * dev.pinniped.concierge.login.v1alpha1.TokenCredentialRequest}; it includes the group so that
   * installs with different suffixes do not collide in the aggregated document.
   */
  static String definitionName(ApiResource resource, String kind) {
    List<String> labels = new ArrayList<>(List.of(resource.groupVersion().group().split("\\.")));
    Collections.reverse(labels);
    return String.join(".", labels) + "." + resource.groupVersion().version() + "." + kind;
  }

  private static String tag(ApiResource resource) {
    return camel(resource.groupVersion().group()) + "_" + resource.groupVersion().version();
  }

  private static String operationSuffix(ApiResource resource) {
    String group = camel(resource.groupVersion().group());
    String version = resource.groupVersion().version();
    return Character.toUpperCase(group.charAt(0))
        + group.substring(1)
        + Character.toUpperCase(version.charAt(0))
        + version.substring(1)
        + resource.kind();
  }

  private static String camel(String group) {
    StringBuilder camel = new StringBuilder();
    boolean upper = false;
    for (int i = 0; i < group.length(); i++) {
      char c = group.charAt(i);
      if (c == '.' || c == '-') {
        upper = true;
      } else {
        camel.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return camel.toString();
  }

  private byte[] bytes(ObjectNode document) {
    try {
      return mapper.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode an OpenAPI document", e);
    }
  }

  private static String sha512(byte[] bytes) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-512").digest(bytes))
          .toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-512", e);
    }
  }
}

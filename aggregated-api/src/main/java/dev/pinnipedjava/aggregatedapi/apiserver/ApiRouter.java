package dev.pinnipedjava.aggregatedapi.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;
import dev.pinnipedjava.aggregatedapi.apiresource.GroupVersion;
import dev.pinnipedjava.aggregatedapi.discovery.ApiDiscovery;
import dev.pinnipedjava.aggregatedapi.openapi.OpenApiDocuments;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Answers every request of the aggregated API: health probes, discovery, OpenAPI, and list and
 * create of the served resources. Knows nothing of HTTP connections, so it is tested with plain
 * {@link ApiRequest}s. Every error becomes a Kubernetes Status here, and nowhere else.
 */
public final class ApiRouter {
  private static final Logger LOG = Logger.getLogger(ApiRouter.class);

  private static final Set<String> HEALTH_ENDPOINTS = Set.of("healthz", "livez", "readyz");
  private static final Set<String> FIELD_VALIDATIONS = Set.of("Ignore", "Warn", "Strict");

  private final Map<GroupVersion, Map<String, CreateHandler<?>>> handlers;
  private final ApiDiscovery discovery;
  private final OpenApiDocuments openApi;
  private final CallerAuthenticator authenticator;
  private final HealthChecks health;
  private final ApiJson json;

  public ApiRouter(
      List<CreateHandler<?>> handlers,
      OpenApiDocuments openApi,
      CallerAuthenticator authenticator,
      HealthChecks health,
      ApiJson json) {
    Map<GroupVersion, Map<String, CreateHandler<?>>> byGroupVersion = new LinkedHashMap<>();
    for (CreateHandler<?> handler : handlers) {
      ApiResource resource = handler.resource();
      byGroupVersion
          .computeIfAbsent(resource.groupVersion(), groupVersion -> new LinkedHashMap<>())
          .put(resource.plural(), handler);
    }
    this.handlers = byGroupVersion;
    this.discovery = new ApiDiscovery(handlers.stream().map(CreateHandler::resource).toList());
    this.openApi = openApi;
    this.authenticator = authenticator;
    this.health = health;
    this.json = json;
  }

  /** The response to a request; never throws. */
  public ApiResponse handle(ApiRequest request) {
    try {
      return route(request);
    } catch (RuntimeException e) {
      LOG.errorf(e, "unexpected error serving %s (audit ID %s)", request, request.auditId());
      return error(ApiError.internalError());
    }
  }

  private ApiResponse route(ApiRequest request) {
    List<String> segments = segments(request.path());
    if (segments.size() >= 1 && HEALTH_ENDPOINTS.contains(segments.get(0))) {
      // Probes need no identity: the kubelet presents none, and a probe must not depend on the
      // front-proxy configuration having been read.
      if (!isRead(request)) {
        return error(ApiError.methodNotAllowed());
      }
      return health.respond(segments.get(0), request.queryParameter("verbose") != null);
    }

    Optional<KubernetesUser> caller =
        authenticator.authenticate(request.clientCertificates(), request.headers());
    if (caller.isEmpty()) {
      return error(ApiError.unauthorized());
    }

    if (segments.size() >= 1 && segments.get(0).equals("apis")) {
      return routeApis(request, segments, caller.get());
    }
    if (segments.size() >= 2 && segments.get(0).equals("openapi")) {
      return routeOpenApi(request, segments);
    }
    return error(ApiError.notFound());
  }

  private ApiResponse routeApis(ApiRequest request, List<String> segments, KubernetesUser caller) {
    return switch (segments.size()) {
      case 1 -> discoveryDocument(request, Optional.of(discovery.groupList()));
      case 2 -> discoveryDocument(request, discovery.group(segments.get(1)));
      case 3 ->
          discoveryDocument(
              request, discovery.resourceList(new GroupVersion(segments.get(1), segments.get(2))));
      case 4 -> {
        CreateHandler<?> handler = handler(segments, 3);
        if (handler == null) {
          yield error(ApiError.notFound());
        }
        // A namespaced resource's collection across namespaces can be listed, not created in.
        yield handler.resource().namespaced() && !isRead(request)
            ? error(ApiError.methodNotAllowed())
            : resourceCollection(request, handler, caller, "");
      }
      case 6 -> {
        CreateHandler<?> handler =
            segments.get(3).equals("namespaces") ? handler(segments, 5) : null;
        yield handler == null || !handler.resource().namespaced()
            ? error(ApiError.notFound())
            : resourceCollection(request, handler, caller, segments.get(4));
      }
      // Single objects and subresources do not exist: the resources are never stored.
      default -> error(ApiError.notFound());
    };
  }

  private @Nullable CreateHandler<?> handler(List<String> segments, int pluralIndex) {
    return handlers
        .getOrDefault(new GroupVersion(segments.get(1), segments.get(2)), Map.of())
        .get(segments.get(pluralIndex));
  }

  private ApiResponse routeOpenApi(ApiRequest request, List<String> segments) {
    Optional<byte[]> document = Optional.empty();
    if (segments.equals(List.of("openapi", "v2"))) {
      document = Optional.of(openApi.v2());
    } else if (segments.equals(List.of("openapi", "v3"))) {
      document = Optional.of(openApi.v3Discovery());
    } else if (segments.size() == 5 && segments.get(2).equals("apis")) {
      document = openApi.v3(new GroupVersion(segments.get(3), segments.get(4)));
    }
    if (document.isEmpty()) {
      return error(ApiError.notFound());
    }
    if (!isRead(request)) {
      return error(ApiError.methodNotAllowed());
    }
    return ApiResponse.json(200, document.get());
  }

  private ApiResponse discoveryDocument(ApiRequest request, Optional<?> document) {
    if (document.isEmpty()) {
      return error(ApiError.notFound());
    }
    if (!isRead(request)) {
      return error(ApiError.methodNotAllowed());
    }
    if (MediaTypes.negotiate(request.headers().first("Accept"), false).isEmpty()) {
      return error(ApiError.notAcceptable(MediaTypes.SUPPORTED_OUTPUT));
    }
    return ApiResponse.json(200, json.encode(document.get()));
  }

  private ApiResponse resourceCollection(
      ApiRequest request, CreateHandler<?> handler, KubernetesUser caller, String namespace) {
    return switch (request.method()) {
      case "GET", "HEAD" -> list(request, handler.resource());
      case "POST" -> create(request, handler, caller, namespace);
      default -> error(ApiError.methodNotAllowed());
    };
  }

  private ApiResponse list(ApiRequest request, ApiResource resource) {
    String watch = request.queryParameter("watch");
    if (watch != null && (watch.equals("true") || watch.equals("1"))) {
      return error(ApiError.methodNotSupported(resource, "watch"));
    }
    Optional<MediaTypes.Output> output =
        MediaTypes.negotiate(request.headers().first("Accept"), true);
    if (output.isEmpty()) {
      return error(ApiError.notAcceptable(MediaTypes.SUPPORTED_OUTPUT));
    }
    ObjectNode list = json.mapper().createObjectNode();
    if (output.get() == MediaTypes.Output.TABLE) {
      list.put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
      list.putObject("metadata").put("resourceVersion", "0");
      ArrayNode columns = list.putArray("columnDefinitions");
      columns
          .addObject()
          .put("name", "Name")
          .put("type", "string")
          .put("format", "name")
          .put("description", "Name must be unique within a namespace.")
          .put("priority", 0);
      columns
          .addObject()
          .put("name", "Created At")
          .put("type", "date")
          .put("format", "")
          .put("description", "CreationTimestamp is when the server created the object.")
          .put("priority", 0);
      list.putArray("rows");
    } else {
      // Nothing is ever stored; "0" means "from the cache", as Pinniped answers.
      list.put("kind", resource.listKind()).put("apiVersion", resource.groupVersion().apiVersion());
      list.putObject("metadata").put("resourceVersion", "0");
      list.putArray("items");
    }
    return ApiResponse.json(200, json.encode(list));
  }

  private <T> ApiResponse create(
      ApiRequest request, CreateHandler<T> handler, KubernetesUser caller, String namespace) {
    ApiResource resource = handler.resource();
    if (MediaTypes.negotiate(request.headers().first("Accept"), false).isEmpty()) {
      return error(ApiError.notAcceptable(MediaTypes.SUPPORTED_OUTPUT));
    }
    if (!MediaTypes.isAcceptedInput(request.headers().first("Content-Type"))) {
      return error(ApiError.unsupportedMediaType(MediaTypes.ACCEPTED_INPUT));
    }
    String fieldValidation = request.queryParameter("fieldValidation");
    if (fieldValidation == null || fieldValidation.isEmpty()) {
      fieldValidation = "Warn";
    }
    if (!FIELD_VALIDATIONS.contains(fieldValidation)) {
      return error(
          ApiError.badRequest(
              "fieldValidation: Unsupported value: \""
                  + fieldValidation
                  + "\": supported values: \"Ignore\", \"Strict\", \"Warn\""));
    }

    ApiJson.Decoding<T> decoding = json.decode(request.body(), resource, handler.objectType());
    if (decoding instanceof ApiJson.Decoding.Undecodable<T> undecodable) {
      return error(undecodable.error());
    }
    ApiJson.Decoding.Decoded<T> decoded = (ApiJson.Decoding.Decoded<T>) decoding;
    List<String> unknownFields =
        decoded.unknownFields().stream().map(field -> "unknown field \"" + field + "\"").toList();
    if (fieldValidation.equals("Strict") && !unknownFields.isEmpty()) {
      return error(
          ApiError.badRequest("strict decoding error: " + String.join(", ", unknownFields)));
    }
    List<String> warnings = fieldValidation.equals("Warn") ? unknownFields : List.of();

    CreateOutcome outcome =
        handler.create(
            decoded.object(),
            new CreateContext(
                caller,
                request.queryParameters("dryRun"),
                request.auditId(),
                request.remoteAddress(),
                namespace));
    if (outcome instanceof CreateOutcome.Failed failed) {
      return error(failed.error()).withWarnings(warnings);
    }
    Object created = ((CreateOutcome.Created) outcome).object();
    return ApiResponse.json(201, json.encode(created)).withWarnings(warnings);
  }

  /** The Status response of an error; the one place errors are rendered. */
  public ApiResponse errorResponse(ApiError error) {
    return ApiResponse.json(error.code(), json.encode(error.toStatus()));
  }

  private ApiResponse error(ApiError error) {
    return errorResponse(error);
  }

  private static boolean isRead(ApiRequest request) {
    return request.method().equals("GET") || request.method().equals("HEAD");
  }

  /** The path's non-empty segments; a trailing slash does not count. */
  private static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    return segments;
  }
}

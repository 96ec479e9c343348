package dev.pinnipedjava.aggregatedapi.apiserver;

import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A failed API request as Kubernetes reports it: an HTTP code, a machine-readable reason and a
 * message for people. Every error response of the server is one of these, rendered as a {@code
 * Status} object. Messages never contain request bodies, tokens or keys.
 *
 * @param code the HTTP status code
 * @param reason Kubernetes' StatusReason, for example {@code NotFound}
 * @param message what went wrong
 * @param details the object the error concerns and field-level causes, when known
 */
public record ApiError(int code, String reason, String message, @Nullable Details details) {

  /** The object an error concerns and the field-level causes. */
  public record Details(String group, String kind, String name, List<Cause> causes) {
    public Details {
      causes = List.copyOf(causes);
    }
  }

  /** One field-level cause, as in Kubernetes' field.Error. */
  public record Cause(String type, String field, String message) {}

  public static ApiError notFound() {
    return new ApiError(404, "NotFound", "the server could not find the requested resource", null);
  }

  public static ApiError methodNotAllowed() {
    return new ApiError(
        405,
        "MethodNotAllowed",
        "the server does not allow this method on the requested resource",
        null);
  }

  /** A verb the resource does not support, such as {@code watch}. */
  public static ApiError methodNotSupported(ApiResource resource, String verb) {
    return new ApiError(
        405,
        "MethodNotAllowed",
        verb + " is not supported on resources of kind \"" + resource.qualifiedName() + "\"",
        new Details(resource.groupVersion().group(), resource.plural(), "", List.of()));
  }

  public static ApiError unsupportedMediaType(List<String> accepted) {
    return new ApiError(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: "
            + String.join(", ", accepted),
        null);
  }

  public static ApiError notAcceptable(List<String> supported) {
    return new ApiError(
        406,
        "NotAcceptable",
        "only the following media types are accepted: " + String.join(", ", supported),
        null);
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "BadRequest", message, null);
  }

  /** The caller may not do this; Kubernetes answers 403 naming the resource and object. */
  public static ApiError forbidden(ApiResource resource, String name, String reason) {
    return new ApiError(
        403,
        "Forbidden",
        resource.qualifiedName() + " \"" + name + "\" is forbidden: " + reason,
        new Details(resource.groupVersion().group(), resource.plural(), name, List.of()));
  }

  /** Two requests changed the same object at once; the client may retry. */
  public static ApiError conflict(ApiResource resource, String name, String reason) {
    return new ApiError(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + resource.qualifiedName()
            + " \""
            + name
            + "\": "
            + reason,
        new Details(resource.groupVersion().group(), resource.plural(), name, List.of()));
  }

  public static ApiError unauthorized() {
    return new ApiError(401, "Unauthorized", "Unauthorized", null);
  }

  /** The object failed validation; Kubernetes answers 422 with every cause. */
  public static ApiError invalid(ApiResource resource, String name, List<Cause> causes) {
    StringBuilder message =
        new StringBuilder(resource.kind())
            .append('.')
            .append(resource.groupVersion().group())
            .append(" \"")
            .append(name)
            .append("\" is invalid");
    if (!causes.isEmpty()) {
      message.append(": ");
      for (int i = 0; i < causes.size(); i++) {
        Cause cause = causes.get(i);
        if (i > 0) {
          message.append(", ");
        }
        message.append(cause.field()).append(": ").append(cause.message());
      }
    }
    return new ApiError(
        422,
        "Invalid",
        message.toString(),
        new Details(resource.groupVersion().group(), resource.kind(), name, causes));
  }

  public static ApiError requestEntityTooLarge(long limitBytes) {
    return new ApiError(
        413,
        "RequestEntityTooLarge",
        "Request entity too large: limit is " + limitBytes + " bytes",
        null);
  }

  /** Something broke inside the server; the cause is logged, never shown. */
  public static ApiError internalError() {
    return new ApiError(
        500,
        "InternalError",
        "Internal error occurred: the server could not handle the request",
        null);
  }

  /** This error as a Kubernetes {@code v1 Status} object. */
  public Status toStatus() {
    StatusBuilder status =
        new StatusBuilder()
            .withApiVersion("v1")
            .withKind("Status")
            .withMetadata(new ListMeta())
            .withStatus("Failure")
            .withMessage(message)
            .withReason(reason)
            .withCode(code);
    if (details != null) {
      status.withDetails(
          new StatusDetailsBuilder()
              .withGroup(emptyToNull(details.group()))
              .withKind(emptyToNull(details.kind()))
              .withName(emptyToNull(details.name()))
              .withCauses(
                  details.causes().stream()
                      .map(cause -> new StatusCause(cause.field(), cause.message(), cause.type()))
                      .toList())
              .build());
    }
    return status.build();
  }

  private static @Nullable String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }
}

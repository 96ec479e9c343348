package dev.pinnipedjava.supervisor.endpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request as the issuer endpoints see it, parsed at the listener. Holds whatever the client
 * sent, credentials included: never log it whole (see {@code audit.SafeParameters}).
 *
 * @param method the HTTP method, upper case
 * @param path the path, without query
 * @param query the query parameters, each with every value in order
 * @param headers the headers, by lowercase name
 * @param body the body as sent, decoded as UTF-8
 * @param auditId the audit ID of the request, as the {@code Audit-Id} response header says
 * @param remoteAddress the client's address
 */
public record EndpointRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    String body,
    String auditId,
    String remoteAddress) {
  public EndpointRequest {
    // In the order sent: parameters are passed on (state, chooser links) as they came.
    Map<String, List<String>> ordered = new LinkedHashMap<>();
    query.forEach((name, values) -> ordered.put(name, List.copyOf(values)));
    query = Collections.unmodifiableMap(ordered);
    Map<String, List<String>> lowercase = new TreeMap<>();
    headers.forEach(
        (name, values) -> lowercase.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    headers = Map.copyOf(lowercase);
  }

  /** A request without query, headers or body. */
  public EndpointRequest(String method, String path) {
    this(method, path, Map.of(), Map.of(), "", "", "");
  }

  /** The first value of header {@code name} (any case), if any. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The media type of the body, lowercase, without parameters; empty when none is given. */
  public String mediaType() {
    String type = header("Content-Type").orElse("");
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  /** The form parameters of an {@code application/x-www-form-urlencoded} body; else none. */
  public Map<String, List<String>> form() {
    if (!"application/x-www-form-urlencoded".equals(mediaType())) {
      return Map.of();
    }
    return FormEncoding.decode(body);
  }

  /** The value of cookie {@code name}, if sent. */
  public Optional<String> cookie(String name) {
    List<String> values = headers.get("cookie");
    if (values == null) {
      return Optional.empty();
    }
    for (String header : values) {
      for (String pair : header.split(";")) {
        int equals = pair.indexOf('=');
        if (equals > 0 && pair.substring(0, equals).trim().equals(name)) {
          return Optional.of(pair.substring(equals + 1).trim());
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    // Parameters, headers and body may hold credentials.
    return "EndpointRequest[" + method + " " + path + ", audit ID " + auditId + "]";
  }
}

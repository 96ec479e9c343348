package dev.pinnipedjava.aggregatedapi.apiserver;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One HTTP request to the aggregated API, as read off the connection. */
public final class ApiRequest {
  private final String method;
  private final String path;
  private final Map<String, List<String>> query;
  private final RequestHeaders headers;
  private final List<X509Certificate> clientCertificates;
  private final byte[] body;
  private final String remoteAddress;
  private final String auditId;

  /**
   * @param method the HTTP method, upper case
   * @param path the URL path as sent (not percent-decoded, so an encoded path matches nothing)
   * @param query the query parameters, decoded; a name may repeat
   * @param headers the request headers
   * @param clientCertificates the certificate chain the client presented, leaf first; empty when
   *     none
   * @param body the request body, bounded by the server's limit
   * @param remoteAddress the peer's IP address, for audit events
   * @param auditId the request's audit ID: the kube-apiserver's {@code Audit-ID} when it proxied
   *     the request, otherwise a new one
   */
  public ApiRequest(
      String method,
      String path,
      Map<String, List<String>> query,
      RequestHeaders headers,
      List<X509Certificate> clientCertificates,
      byte[] body,
      String remoteAddress,
      String auditId) {
    this.method = method;
    this.path = path;
    this.query = Map.copyOf(query);
    this.headers = headers;
    this.clientCertificates = List.copyOf(clientCertificates);
    this.body = body.clone();
    this.remoteAddress = remoteAddress;
    this.auditId = auditId;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public RequestHeaders headers() {
    return headers;
  }

  public List<X509Certificate> clientCertificates() {
    return clientCertificates;
  }

  public byte[] body() {
    return body.clone();
  }

  public String remoteAddress() {
    return remoteAddress;
  }

  public String auditId() {
    return auditId;
  }

  /** The first value of a query parameter, or null when absent. */
  public @Nullable String queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Every value of a query parameter. */
  public List<String> queryParameters(String name) {
    return query.getOrDefault(name, List.of());
  }

  @Override
  public String toString() {
    // The body may carry a token: never part of the text form.
    return "ApiRequest[" + method + " " + path + " from " + remoteAddress + "]";
  }
}

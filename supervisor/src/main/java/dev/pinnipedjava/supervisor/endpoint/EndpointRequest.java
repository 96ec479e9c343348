package dev.pinnipedjava.supervisor.endpoint;

/**
 * An HTTP request as the issuer endpoints see it.
 *
 * @param method the HTTP method, upper case
 * @param path the path, without query
 */
public record EndpointRequest(String method, String path) {}

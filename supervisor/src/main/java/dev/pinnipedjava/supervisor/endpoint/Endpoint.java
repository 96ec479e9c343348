package dev.pinnipedjava.supervisor.endpoint;

/**
 * One path of one issuer. Called on a worker thread; reads only published snapshots (keys,
 * validated FederationDomains), never the API server. Must not throw: failures are responses.
 */
@FunctionalInterface
public interface Endpoint {
  EndpointResponse handle(EndpointRequest request);
}

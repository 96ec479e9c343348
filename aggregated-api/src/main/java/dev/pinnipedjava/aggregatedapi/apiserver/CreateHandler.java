package dev.pinnipedjava.aggregatedapi.apiserver;

import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;

/**
 * Creates objects of one resource. The server has already authenticated the caller, negotiated
 * media types and decoded the body into {@code T}, whose {@code apiVersion} and {@code kind} match
 * the resource.
 *
 * @param <T> the Java type of the resource's objects
 */
public interface CreateHandler<T> {
  ApiResource resource();

  Class<T> objectType();

  /** Handles one create. May block (it may call out over the network); must be thread-safe. */
  CreateOutcome create(T object, CreateContext context);
}

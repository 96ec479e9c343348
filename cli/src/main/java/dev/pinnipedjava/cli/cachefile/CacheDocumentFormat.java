package dev.pinnipedjava.cli.cachefile;

import java.io.IOException;
import java.time.Instant;

/**
 * How one kind of cache document is read, cleaned and written.
 *
 * @param <T> the immutable in-memory document
 */
public interface CacheDocumentFormat<T> {

  /** A document with no entries, at the current version. */
  T empty();

  /**
   * Reads a document.
   *
   * @throws InvalidCacheDocumentException when the bytes are not a document of the supported
   *     apiVersion and kind
   */
  T parse(byte[] bytes) throws InvalidCacheDocumentException;

  /** Drops stale entries and puts the rest in a canonical order. */
  T normalized(T document, Instant now);

  byte[] serialize(T document) throws IOException;
}

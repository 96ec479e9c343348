package dev.pinnipedjava.aggregatedapi.apiserver;

/** What a create handler answers: the created object, or the error to report instead. */
public sealed interface CreateOutcome {
  /** The object to return with 201 Created. */
  record Created(Object object) implements CreateOutcome {}

  /** The error to return instead. */
  record Failed(ApiError error) implements CreateOutcome {}
}

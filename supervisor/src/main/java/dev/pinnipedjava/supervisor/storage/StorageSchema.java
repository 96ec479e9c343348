package dev.pinnipedjava.supervisor.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The version of every session document's JSON, and the mapper that writes it. */
public final class StorageSchema {
  /**
   * The schema version of {@link AuthorizedRequest} and the documents holding it. Bump it on any
   * change of their fields (or of the session records inside): documents of another version read as
   * absent, which makes the user log in again rather than misread a session.
   *
   * <p>History:
   *
   * <ul>
   *   <li>"1": first version (request, downstream session, OIDC upstream session);
   *   <li>"2": the downstream session keeps the upstream username and groups, before identity
   *       transformations; a login's access and refresh token share one token-session document; the
   *       upstream session may also be of type {@code ldap}, {@code activedirectory} or {@code
   *       github}. A document of "1" is read as absent rather than trusted.
   * </ul>
   *
   * <p>A document of this version whose upstream session has a type this code does not know reads
   * as absent too: the store cannot decode it.
   *
   * <p>Pinniped's fosite documents are at "8"; these are not the same shape, so the numbers are
   * unrelated.
   */
  public static final String VERSION = "2";

  private StorageSchema() {}

  /** The JSON mapper of session documents: instants as RFC 3339 text. */
  public static ObjectMapper objectMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }
}

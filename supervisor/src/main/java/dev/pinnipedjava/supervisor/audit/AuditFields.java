package dev.pinnipedjava.supervisor.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fields that several events share, named and ordered as Pinniped's. */
public final class AuditFields {
  private AuditFields() {}

  /** The fields of "Using Upstream IDP". */
  public static Map<String, Object> usingUpstreamIdp(
      String displayName, String resourceName, String resourceUid, String type) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("displayName", displayName);
    fields.put("resourceName", resourceName);
    fields.put("resourceUID", resourceUid);
    fields.put("type", type);
    return fields;
  }

  /** The upstream provider fields of "Identity From/Refreshed From Upstream IDP". */
  public static Map<String, Object> upstreamIdp(
      String displayName, String type, String resourceName, String resourceUid) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("upstreamIDPDisplayName", displayName);
    fields.put("upstreamIDPType", type);
    fields.put("upstreamIDPResourceName", resourceName);
    fields.put("upstreamIDPResourceUID", resourceUid);
    return fields;
  }

  /**
   * The {@code authorizeID} of a browser login: the hex SHA-256 of the encoded upstream state,
   * which the authorize redirect and the callback (or login form) both see, so their events
   * correlate without logging the state itself.
   */
  public static String authorizeId(String encodedState) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(encodedState.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}

package dev.pinnipedjava.supervisor.keys;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Secret {@code data} decoded and encoded (the API carries it as base64 text). */
final class SecretData {
  private SecretData() {}

  /** The decoded data; entries that are not base64 are left out. */
  static Map<String, byte[]> decode(Secret secret) {
    Map<String, byte[]> decoded = new HashMap<>();
    Map<String, String> data = secret.getData();
    if (data != null) {
      data.forEach(
          (key, value) -> {
            try {
              decoded.put(key, Base64.getDecoder().decode(value));
            } catch (IllegalArgumentException e) {
              // an unreadable entry counts as missing
            }
          });
    }
    return decoded;
  }

  static Map<String, String> encode(Map<String, byte[]> data) {
    Map<String, String> encoded = new HashMap<>();
    data.forEach((key, value) -> encoded.put(key, Base64.getEncoder().encodeToString(value)));
    return encoded;
  }
}

package dev.pinnipedjava.supervisor.token;

/**
 * An opaque token as issued: {@code <prefix><random>.<HMAC of random>}, with its signature (the
 * HMAC part), which names its storage.
 */
public record OpaqueToken(String value, String signature) {
  @Override
  public String toString() {
    return "OpaqueToken[redacted]";
  }
}

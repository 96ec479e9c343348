package dev.pinnipedjava.supervisor.keys;

import java.security.MessageDigest;
import java.util.Arrays;

/** A secret key of random bytes. Never printed. */
public final class SymmetricKey {
  /** Pinniped's size of generated symmetric keys: enough for HMAC-SHA256 and AES-256. */
  public static final int SIZE = 32;

  private final byte[] bytes;

  public SymmetricKey(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SymmetricKey key && MessageDigest.isEqual(bytes, key.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "SymmetricKey[" + bytes.length + " bytes]";
  }
}

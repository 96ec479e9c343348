package dev.pinnipedjava.testkit.dex;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** bcrypt hashes for Dex's {@code staticPasswords}, which accepts no clear-text password. */
final class DexPasswordHash {
  /** Dex refuses bcrypt costs below 10; more only slows the tests. */
  static final int COST = 10;

  private static final int SALT_BYTES = 16;

  private final SecureRandom random;

  DexPasswordHash(SecureRandom random) {
    this.random = random;
  }

  String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, COST);
  }
}

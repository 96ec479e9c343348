package dev.pinnipedjava.supervisor.clientsecret;

import java.security.SecureRandom;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt as Go's {@code golang.org/x/crypto/bcrypt} writes it ({@code $2a$<cost>$...}), so that
 * hashes written by Pinniped and by this Supervisor are interchangeable.
 */
public final class Bcrypt {
  /** Pinniped's {@code DefaultMinBcryptCost}: hashes of a lower cost are refused. */
  public static final int MIN_COST = 12;

  private static final Pattern HASH = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

  /** bcrypt reads at most 72 bytes of a password; longer ones never match a generated secret. */
  private static final int MAX_PASSWORD_BYTES = 72;

  private final SecureRandom random;

  public Bcrypt(SecureRandom random) {
    this.random = random;
  }

  /** A new hash of {@code secret} with a random salt. */
  public String hash(String secret, int cost) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return OpenBSDBCrypt.generate("2a", secret.toCharArray(), salt, cost);
  }

  /**
   * Whether {@code secret} matches {@code hash}. The comparison takes the same time wherever the
   * values differ; an unreadable hash matches nothing.
   */
  public static boolean matches(String hash, String secret) {
    if (cost(hash).isEmpty()
        || secret.isEmpty()
        || secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      return false;
    }
    try {
      return OpenBSDBCrypt.checkPassword(hash, secret.toCharArray());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The cost of a hash, or empty when it is not a bcrypt hash. */
  public static OptionalInt cost(String hash) {
    Matcher matcher = HASH.matcher(hash);
    if (!matcher.matches()) {
      return OptionalInt.empty();
    }
    int cost = Integer.parseInt(matcher.group(1));
    return cost >= 4 && cost <= 31 ? OptionalInt.of(cost) : OptionalInt.empty();
  }
}

package dev.pinnipedjava.testkit.dex;

/**
 * A user of Dex's password database ({@code staticPasswords}): logs in with its email and password;
 * {@code userId} becomes part of the ID token's subject. Dex gives these users no groups.
 */
public record DexUser(String email, String username, String userId, String password) {
  /** A user {@code username@example.com} whose user ID is {@code id-<username>}. */
  public static DexUser of(String username, String password) {
    return new DexUser(username + "@example.com", username, "id-" + username, password);
  }

  @Override
  public String toString() {
    return "DexUser[email="
        + email
        + ", username="
        + username
        + ", userId="
        + userId
        + ", password=(redacted)]";
  }
}

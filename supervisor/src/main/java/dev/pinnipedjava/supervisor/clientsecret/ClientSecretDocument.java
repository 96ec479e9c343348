package dev.pinnipedjava.supervisor.clientsecret;

import dev.pinnipedjava.supervisor.secretstore.VersionedShape;
import java.util.List;

/**
 * The stored secrets of one OIDCClient, Pinniped's {@code oidc-client-secret} storage document:
 * bcrypt hashes, newest first.
 *
 * <p>Version history: "1" = {@code {hashes, version}}, as Pinniped's.
 *
 * @param hashes bcrypt hashes of the client's secrets, the most recent first
 * @param version {@link #VERSION}
 */
public record ClientSecretDocument(List<String> hashes, String version) implements VersionedShape {
  public static final String VERSION = "1";

  public ClientSecretDocument {
    hashes = List.copyOf(hashes);
  }

  public static ClientSecretDocument of(List<String> hashes) {
    return new ClientSecretDocument(hashes, VERSION);
  }

  @Override
  public String toString() {
    return "ClientSecretDocument[" + hashes.size() + " hashes, version=" + version + "]";
  }
}

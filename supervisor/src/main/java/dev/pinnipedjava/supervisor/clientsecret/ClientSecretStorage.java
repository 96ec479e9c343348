package dev.pinnipedjava.supervisor.clientsecret;

import dev.pinnipedjava.supervisor.secretstore.StorageSecrets;
import dev.pinnipedjava.supervisor.secretstore.StorageType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where an OIDCClient's secrets are stored: a storage Secret of type {@value #TYPE_NAME} named
 * after the client's UID ({@code pinniped-storage-oidc-client-secret-<base32 of the UID>}), owned
 * by the client so that Kubernetes deletes it with the client. It has no expiry.
 */
public final class ClientSecretStorage {
  public static final String TYPE_NAME = "oidc-client-secret";

  public static final StorageType<ClientSecretDocument> TYPE =
      new StorageType<>(TYPE_NAME, ClientSecretDocument.class, ClientSecretDocument.VERSION);

  /** Pinniped refuses to store more: each one costs a bcrypt comparison per token request. */
  public static final int MAX_SECRETS = 5;

  private ClientSecretStorage() {}

  /** The storage signature of a client: base64url of its UID, as Pinniped names the Secret. */
  public static String signature(String clientUid) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(clientUid.getBytes(StandardCharsets.UTF_8));
  }

  /** The name of the Secret holding the secrets of the client with this UID. */
  public static String secretName(String clientUid) {
    return StorageSecrets.secretName(TYPE_NAME, signature(clientUid));
  }
}

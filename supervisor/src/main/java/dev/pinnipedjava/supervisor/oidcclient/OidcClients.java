package dev.pinnipedjava.supervisor.oidcclient;

import dev.pinnipedjava.api.supervisor.config.v1alpha1.OIDCClient;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.ResourceCache;
import dev.pinnipedjava.supervisor.clientsecret.ClientSecretDocument;
import dev.pinnipedjava.supervisor.clientsecret.ClientSecretStorage;
import dev.pinnipedjava.supervisor.secretstore.StorageSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Clock;
import java.util.Optional;

/**
 * The OIDCClients of the Supervisor's namespace and their stored secrets, as the informer caches
 * hold them, validated on every read.
 */
public final class OidcClients {
  /** Every OIDCClient's name, which is its client ID, starts with this. */
  public static final String NAME_PREFIX = "client.oauth.pinniped.dev-";

  private final String namespace;
  private final ResourceCache<OIDCClient> clients;
  private final ResourceCache<Secret> secrets;
  private final StorageSecrets layout;
  private final Clock clock;

  public OidcClients(
      String namespace,
      ResourceCache<OIDCClient> clients,
      ResourceCache<Secret> secrets,
      StorageSecrets layout,
      Clock clock) {
    this.namespace = namespace;
    this.clients = clients;
    this.secrets = secrets;
    this.layout = layout;
    this.clock = clock;
  }

  /** The OIDCClient named {@code name}, if there is one. */
  public Optional<OIDCClient> client(String name) {
    if (!name.startsWith(NAME_PREFIX)) {
      return Optional.empty();
    }
    return clients.get(Key.namespaced(namespace, name));
  }

  /** The client's stored secrets; empty when it has no readable storage Secret. */
  public Optional<ClientSecretDocument> storedSecrets(OIDCClient client) {
    String uid = client.getMetadata().getUid();
    if (uid == null || uid.isEmpty()) {
      return Optional.empty();
    }
    return secrets
        .get(Key.namespaced(namespace, ClientSecretStorage.secretName(uid)))
        .flatMap(secret -> layout.read(secret, ClientSecretStorage.TYPE, clock.instant()));
  }

  /** The client validated with its stored secrets. */
  public OidcClientValidation validate(OIDCClient client) {
    return OidcClientValidator.validate(client, storedSecrets(client));
  }
}

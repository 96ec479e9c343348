package dev.pinnipedjava.supervisor.oidcclient;

import dev.pinnipedjava.api.condition.Phase;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.OIDCClient;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.OIDCClientStatus;
import dev.pinnipedjava.controller.Controller;
import dev.pinnipedjava.controller.EventFilter;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.ResourceCache;
import dev.pinnipedjava.controller.SyncContext;
import dev.pinnipedjava.controller.Syncer;
import dev.pinnipedjava.controller.conditions.Conditions;
import dev.pinnipedjava.controller.conditions.StatusWriter;
import dev.pinnipedjava.supervisor.clientsecret.ClientSecretStorage;
import dev.pinnipedjava.supervisor.secretstore.StorageSecrets;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Pinniped's OIDCClient watcher: validates each OIDCClient with its stored secrets and writes its
 * {@code status.phase} ({@code Ready} when every condition holds, else {@code Error}), conditions
 * and {@code totalClientSecrets}. Changes to a client's secret storage Secret sync the client.
 */
public final class OidcClientController implements Syncer {
  private static final Logger LOG = Logger.getLogger(OidcClientController.class);

  public static final String NAME = "OIDCClientWatcherController";

  private final ResourceCache<OIDCClient> clientCache;
  private final OidcClients clients;
  private final StatusWriter statusWriter;
  private final Clock clock;

  public OidcClientController(
      ResourceCache<OIDCClient> clientCache,
      OidcClients clients,
      StatusWriter statusWriter,
      Clock clock) {
    this.clientCache = clientCache;
    this.clients = clients;
    this.statusWriter = statusWriter;
    this.clock = clock;
  }

  /** The controller, syncing a client on its own events and those of its secret storage. */
  public static Controller controller(
      OidcClientController syncer,
      ResourceCache<OIDCClient> clientCache,
      ResourceCache<Secret> secrets) {
    return Controller.builder(NAME, syncer)
        .watch(clientCache, EventFilter.self())
        .watch(
            secrets,
            EventFilter.matching(
                secret ->
                    StorageSecrets.secretType(ClientSecretStorage.TYPE_NAME)
                        .equals(secret.getType()),
                OidcClientController::owningClient))
        .build();
  }

  @Override
  public void sync(SyncContext context) {
    Optional<OIDCClient> found = clientCache.get(context.key());
    if (found.isEmpty()) {
      return; // deleted: Kubernetes deletes its secret storage through the owner reference
    }
    OIDCClient client = found.get();
    OidcClientValidation validation = clients.validate(client);
    OIDCClientStatus current = client.getStatus();
    Long generation = client.getMetadata().getGeneration();
    OIDCClientStatus desired =
        new OIDCClientStatus(
            validation.valid() ? Phase.READY : Phase.ERROR,
            Conditions.merge(
                validation.conditions(),
                current == null ? null : current.conditions(),
                generation == null ? 0 : generation,
                clock.instant()),
            validation.secretHashes().size());
    if (statusWriter.writeIfChanged(client, current, desired)) {
      LOG.debugf("OIDCClient %s is now %s", context.key(), desired.phase());
    }
  }

  /** The OIDCClient that owns a secret storage Secret. */
  private static Optional<Key> owningClient(Secret secret) {
    String namespace = secret.getMetadata().getNamespace();
    if (namespace == null || secret.getMetadata().getOwnerReferences() == null) {
      return Optional.empty();
    }
    return secret.getMetadata().getOwnerReferences().stream()
        .filter(owner -> "OIDCClient".equals(owner.getKind()))
        .map(OwnerReference::getName)
        .findFirst()
        .map(name -> Key.namespaced(namespace, name));
  }
}

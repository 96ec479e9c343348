package dev.pinnipedjava.supervisor.keys;

import dev.pinnipedjava.api.reference.LocalObjectReference;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainStatus;
import dev.pinnipedjava.controller.Controller;
import dev.pinnipedjava.controller.EventFilter;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.ResourceCache;
import dev.pinnipedjava.controller.SyncContext;
import dev.pinnipedjava.controller.Syncer;
import dev.pinnipedjava.controller.conditions.StatusWriter;
import dev.pinnipedjava.supervisor.resource.SupervisorResources;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps one kind of key Secret for every FederationDomain (Pinniped's JWKS writer and generated
 * Secret controllers): creates the Secret, owned by the FederationDomain, when it is missing;
 * replaces its data when it is invalid or owned by something else; publishes the keys to the {@link
 * KeyCache}; and names the Secret in the FederationDomain's {@code status.secrets}. Kubernetes
 * deletes the Secret with its FederationDomain.
 */
public final class FederationDomainSecretController implements Syncer {
  private static final Logger LOG = Logger.getLogger(FederationDomainSecretController.class);

  private final FederationDomainSecretKind kind;
  private final ResourceCache<FederationDomain> federationDomains;
  private final ResourceCache<Secret> secrets;
  private final SecretWriter writer;
  private final StatusWriter statusWriter;
  private final SupervisorResources resources;
  private final KeyCache keys;
  private final SecureRandom random;
  private final Map<String, String> labels;

  /** Creates and replaces Secrets; the cache shows the result later. */
  public interface SecretWriter {
    void create(Secret secret);

    /** Replaces {@code secret}, which carries the resource version it replaces. */
    void update(Secret secret);

    static SecretWriter of(KubernetesClient client) {
      return new SecretWriter() {
        @Override
        public void create(Secret secret) {
          client.resource(secret).create();
        }

        @Override
        public void update(Secret secret) {
          client.resource(secret).update();
        }
      };
    }
  }

  public FederationDomainSecretController(
      FederationDomainSecretKind kind,
      ResourceCache<FederationDomain> federationDomains,
      ResourceCache<Secret> secrets,
      SecretWriter writer,
      StatusWriter statusWriter,
      SupervisorResources resources,
      KeyCache keys,
      SecureRandom random,
      Map<String, String> labels) {
    this.kind = kind;
    this.federationDomains = federationDomains;
    this.secrets = secrets;
    this.writer = writer;
    this.statusWriter = statusWriter;
    this.resources = resources;
    this.keys = keys;
    this.random = random;
    this.labels = Map.copyOf(labels);
  }

  /** The controller: one sync per FederationDomain key. */
  public static Controller controller(
      FederationDomainSecretController syncer,
      ResourceCache<FederationDomain> federationDomains,
      ResourceCache<Secret> secrets) {
    return Controller.builder(syncer.kind.controllerName(), syncer)
        // A change to a FederationDomain's Secret of this kind (deleted, corrupted) syncs the
        // FederationDomain that controls it.
        .watch(
            secrets,
            EventFilter.matching(
                secret -> syncer.kind.secretType().equals(secret.getType()),
                syncer.resources::controllingFederationDomain))
        // Every FederationDomain needs its Secret, and a deleted one its keys withdrawn.
        .watch(federationDomains, EventFilter.self())
        .build();
  }

  @Override
  public void sync(SyncContext context) {
    Key key = context.key();
    Optional<FederationDomain> found = federationDomains.get(key);
    if (found.isEmpty()) {
      // Its Secret is garbage collected by Kubernetes through the owner reference.
      keys.update(key, kind::withdraw);
      return;
    }
    FederationDomain federationDomain = found.get();
    String name = kind.secretName(federationDomain);
    Optional<Secret> existing = secrets.get(Key.namespaced(key.namespace(), name));
    Optional<Map<String, byte[]>> usable = existing.filter(this::usable).map(SecretData::decode);
    Map<String, byte[]> data;
    if (usable.isPresent()) {
      data = usable.get();
    } else {
      data = kind.generate(random);
      Secret secret = secret(federationDomain, name, data);
      if (existing.isEmpty()) {
        writer.create(secret);
        LOG.infof("created Secret %s/%s for FederationDomain %s", key.namespace(), name, key);
      } else {
        writer.update(
            new SecretBuilder(secret)
                .editMetadata()
                .withResourceVersion(existing.get().getMetadata().getResourceVersion())
                .endMetadata()
                .build());
        LOG.infof(
            "replaced invalid Secret %s/%s of FederationDomain %s", key.namespace(), name, key);
      }
    }
    keys.update(key, current -> kind.publish(current, data));
    FederationDomainStatus status = federationDomain.getStatus();
    statusWriter.writeIfChanged(
        federationDomain,
        kind.statusReference(status == null ? null : status.secrets()),
        new LocalObjectReference(name),
        "secrets",
        kind.statusField());
  }

  private boolean usable(Secret secret) {
    Optional<FederationDomain> owner =
        resources
            .controllingFederationDomain(secret)
            .flatMap(federationDomains::get)
            .filter(federationDomain -> resources.isControlledBy(secret, federationDomain));
    return owner.isPresent()
        && kind.secretType().equals(secret.getType())
        && kind.isValid(SecretData.decode(secret));
  }

  private Secret secret(FederationDomain federationDomain, String name, Map<String, byte[]> data) {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(federationDomain.getMetadata().getNamespace())
        .withName(name)
        .withLabels(labels)
        .withOwnerReferences(List.of(resources.controllerReference(federationDomain)))
        .endMetadata()
        .withType(kind.secretType())
        .withData(SecretData.encode(data))
        .build();
  }
}

package dev.pinnipedjava.supervisor.keys;

import dev.pinnipedjava.controller.Controller;
import dev.pinnipedjava.controller.EventFilter;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.ResourceCache;
import dev.pinnipedjava.controller.SyncContext;
import dev.pinnipedjava.controller.Syncer;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps the Supervisor-wide CSRF cookie HMAC key, as Pinniped's supervisor secrets controller:
 * Secret {@code <deployment>-key} of type {@value #SECRET_TYPE} with 32 random bytes in {@code
 * key}, recreated when missing, replaced when invalid, and published to the {@link KeyCache}.
 */
public final class CsrfCookieKeyController implements Syncer {
  private static final Logger LOG = Logger.getLogger(CsrfCookieKeyController.class);

  public static final String SECRET_TYPE = "secrets.pinniped.dev/supervisor-csrf-signing-key";

  private final Key secretKey;
  private final ResourceCache<Secret> secrets;
  private final FederationDomainSecretController.SecretWriter writer;
  private final KeyCache keys;
  private final SecureRandom random;
  private final Map<String, String> labels;
  private final List<OwnerReference> owners;

  /**
   * @param deploymentName the Supervisor's Deployment: the Secret is named {@code
   *     <deploymentName>-key}
   * @param owners owner references of the Secret (the Deployment, when known)
   */
  public CsrfCookieKeyController(
      String namespace,
      String deploymentName,
      ResourceCache<Secret> secrets,
      FederationDomainSecretController.SecretWriter writer,
      KeyCache keys,
      SecureRandom random,
      Map<String, String> labels,
      List<OwnerReference> owners) {
    this.secretKey = Key.namespaced(namespace, deploymentName + "-key");
    this.secrets = secrets;
    this.writer = writer;
    this.keys = keys;
    this.random = random;
    this.labels = Map.copyOf(labels);
    this.owners = List.copyOf(owners);
  }

  public Key secretKey() {
    return secretKey;
  }

  public Controller controller() {
    return Controller.builder(secretKey.name() + "-secret-generator", this)
        // The key Secret changing or going away must be repaired at once.
        .watch(
            secrets,
            EventFilter.matching(
                secret -> Key.of(secret).equals(secretKey) || SECRET_TYPE.equals(secret.getType()),
                secret -> Optional.of(secretKey)))
        // The Secret may not exist yet: sync once without any event.
        .initialEvent(secretKey)
        .build();
  }

  @Override
  public void sync(SyncContext context) {
    Optional<Secret> existing = secrets.get(secretKey);
    Optional<byte[]> usable = existing.flatMap(this::usableKey);
    byte[] key;
    if (usable.isPresent()) {
      key = usable.get();
    } else {
      key = new byte[SymmetricKey.SIZE];
      random.nextBytes(key);
      Secret secret =
          new SecretBuilder()
              .withNewMetadata()
              .withNamespace(secretKey.namespace())
              .withName(secretKey.name())
              .withLabels(labels)
              .withOwnerReferences(owners)
              .endMetadata()
              .withType(SECRET_TYPE)
              .withData(SecretData.encode(Map.of(SymmetricKeySecretKind.DATA_KEY, key)))
              .build();
      if (existing.isEmpty()) {
        writer.create(secret);
        LOG.infof("created CSRF cookie key Secret %s", secretKey);
      } else {
        Map<String, String> mergedLabels = new HashMap<>();
        Map<String, String> oldLabels = existing.get().getMetadata().getLabels();
        if (oldLabels != null) {
          mergedLabels.putAll(oldLabels);
        }
        mergedLabels.putAll(labels);
        writer.update(
            new SecretBuilder(secret)
                .editMetadata()
                .withLabels(mergedLabels)
                .withResourceVersion(existing.get().getMetadata().getResourceVersion())
                .endMetadata()
                .build());
        LOG.infof("replaced invalid CSRF cookie key Secret %s", secretKey);
      }
    }
    keys.setCsrfCookieKey(new SymmetricKey(key));
  }

  private Optional<byte[]> usableKey(Secret secret) {
    if (!SECRET_TYPE.equals(secret.getType())) {
      return Optional.empty();
    }
    Map<String, String> secretLabels = secret.getMetadata().getLabels();
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (secretLabels == null || !label.getValue().equals(secretLabels.get(label.getKey()))) {
        return Optional.empty();
      }
    }
    byte[] key = SecretData.decode(secret).get(SymmetricKeySecretKind.DATA_KEY);
    return key != null && key.length == SymmetricKey.SIZE ? Optional.of(key) : Optional.empty();
  }
}

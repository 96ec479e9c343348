package dev.pinnipedjava.supervisor.upstream;

import dev.pinnipedjava.controller.Controller;
import dev.pinnipedjava.controller.EventFilter;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.ResourceCache;
import dev.pinnipedjava.controller.Syncer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;
import java.util.Set;

/**
 * How every identity-provider controller is wired: one key for all providers of a kind, synced on
 * any change of the providers, of the Secrets that may hold their credentials or CA bundles, and of
 * the ConfigMaps that may hold CA bundles.
 */
public final class UpstreamControllers {
  private UpstreamControllers() {}

  /**
   * @param credentialSecretType the Secret type of the kind's credentials (client or bind secret);
   *     Opaque and TLS Secrets are watched too, as CA bundles live in them
   * @param all the one key the syncer validates every provider of the kind under
   */
  public static <T extends HasMetadata> Controller validatingAll(
      String name,
      Syncer syncer,
      Key all,
      ResourceCache<T> providers,
      ResourceCache<Secret> secrets,
      ResourceCache<ConfigMap> configMaps,
      String credentialSecretType) {
    Set<String> watchedSecretTypes = Set.of(credentialSecretType, "Opaque", "kubernetes.io/tls");
    return Controller.builder(name, syncer)
        .watch(providers, EventFilter.singleton(all))
        .watch(
            secrets,
            EventFilter.matching(
                secret -> watchedSecretTypes.contains(secret.getType()),
                secret -> Optional.of(all)))
        .watch(configMaps, EventFilter.singleton(all))
        .initialEvent(all)
        .build();
  }
}

package dev.pinnipedjava.supervisor.federation.controller;

import dev.pinnipedjava.api.condition.Phase;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainStatus;
import dev.pinnipedjava.controller.Controller;
import dev.pinnipedjava.controller.EventFilter;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.ResourceCache;
import dev.pinnipedjava.controller.SyncContext;
import dev.pinnipedjava.controller.Syncer;
import dev.pinnipedjava.controller.conditions.Conditions;
import dev.pinnipedjava.controller.conditions.DesiredCondition;
import dev.pinnipedjava.controller.conditions.StatusWriter;
import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Pinniped's FederationDomain watcher: on any change to any FederationDomain or identity provider,
 * validates all FederationDomains, publishes the valid ones (so that their endpoints exist before
 * their status says Ready), then writes each one's phase and conditions.
 */
public final class FederationDomainController implements Syncer {
  private static final Logger LOG = Logger.getLogger(FederationDomainController.class);

  public static final String NAME = "FederationDomainWatcherController";

  /** Every event syncs this one key: FederationDomains are validated together. */
  static final Key ALL = Key.clusterScoped("all-federation-domains");

  private final ResourceCache<FederationDomain> federationDomains;
  private final IdentityProviderLookup identityProviders;
  private final FederationDomainValidator validator;
  private final Consumer<List<FederationDomainIssuer>> publisher;
  private final StatusWriter statusWriter;
  private final Clock clock;

  /**
   * @param publisher receives the valid FederationDomains, every time
   */
  public FederationDomainController(
      ResourceCache<FederationDomain> federationDomains,
      IdentityProviderLookup identityProviders,
      FederationDomainValidator validator,
      Consumer<List<FederationDomainIssuer>> publisher,
      StatusWriter statusWriter,
      Clock clock) {
    this.federationDomains = federationDomains;
    this.identityProviders = identityProviders;
    this.validator = validator;
    this.publisher = publisher;
    this.statusWriter = statusWriter;
    this.clock = clock;
  }

  /**
   * The controller.
   *
   * @param identityProviderCaches the caches behind {@code identityProviders}
   */
  public static Controller controller(
      FederationDomainController syncer,
      ResourceCache<FederationDomain> federationDomains,
      List<? extends ResourceCache<GenericKubernetesResource>> identityProviderCaches) {
    Controller.Builder builder =
        Controller.builder(NAME, syncer)
            // Any FederationDomain change may change the validity of others (duplicates).
            .watch(federationDomains, EventFilter.singleton(ALL));
    for (ResourceCache<GenericKubernetesResource> cache : identityProviderCaches) {
      // Identity providers coming and going change which references resolve; their updates may
      // change the login flows they offer (OIDC's allowPasswordGrant).
      builder.watch(cache, EventFilter.singleton(ALL));
    }
    return builder.build();
  }

  @Override
  public void sync(SyncContext context) {
    List<FederationDomain> all = new ArrayList<>(federationDomains.list());
    all.sort(Comparator.comparing(federationDomain -> Key.of(federationDomain).toString()));
    FederationDomainValidator.Outcome outcome = validator.validate(all, identityProviders);
    publisher.accept(outcome.valid());

    List<String> failures = new ArrayList<>();
    for (FederationDomain federationDomain : all) {
      Key key = Key.of(federationDomain);
      try {
        writeStatus(federationDomain, outcome.conditions().getOrDefault(key, List.of()));
      } catch (KubernetesClientException e) {
        failures.add(key + ": " + e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("could not update status: " + String.join("; ", failures));
    }
  }

  private void writeStatus(FederationDomain federationDomain, List<DesiredCondition> computed) {
    List<DesiredCondition> conditions = new ArrayList<>(computed);
    boolean ready = !Conditions.anyFalse(conditions);
    conditions.add(
        ready
            ? DesiredCondition.isTrue(
                FederationDomainConditions.TYPE_READY,
                FederationDomainConditions.REASON_SUCCESS,
                "the FederationDomain is ready and its endpoints are available: the discovery"
                    + " endpoint is "
                    + federationDomain.getSpec().issuer()
                    + "/.well-known/openid-configuration")
            : DesiredCondition.isFalse(
                FederationDomainConditions.TYPE_READY,
                FederationDomainConditions.REASON_NOT_READY,
                "the FederationDomain is not ready: see other conditions for details"));
    FederationDomainStatus current = federationDomain.getStatus();
    Long generation = federationDomain.getMetadata().getGeneration();
    FederationDomainStatus desired =
        new FederationDomainStatus(
            ready ? Phase.READY : Phase.ERROR,
            Conditions.merge(
                conditions,
                current == null ? null : current.conditions(),
                generation == null ? 0 : generation,
                clock.instant()),
            null);
    // This controller owns the phase and the conditions; status.secrets belongs to the key
    // controllers and is left out of both the comparison and the write.
    FederationDomainStatus owned =
        current == null
            ? null
            : new FederationDomainStatus(current.phase(), current.conditions(), null);
    if (statusWriter.writeIfChanged(federationDomain, owned, desired)) {
      LOG.debugf("FederationDomain %s is now %s", Key.of(federationDomain), desired.phase());
    }
  }
}

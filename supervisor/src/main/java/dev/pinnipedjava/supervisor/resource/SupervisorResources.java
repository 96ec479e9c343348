package dev.pinnipedjava.supervisor.resource;

import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import dev.pinnipedjava.api.supervisor.clientsecret.v1alpha1.SupervisorClientSecretGroup;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.SupervisorConfigGroup;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.SupervisorIdpGroup;
import dev.pinnipedjava.controller.InformerResourceCache;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.MappedResourceCache;
import dev.pinnipedjava.controller.ResourceCache;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Optional;

/**
 * The Supervisor's custom resources, in their API groups renamed by the API group suffix. They are
 * watched as generic objects (fabric8's typed clients know only the default group) and read as
 * their Java types.
 */
public final class SupervisorResources {
  public static final String FEDERATION_DOMAIN_KIND = "FederationDomain";

  private final ApiGroupSuffix suffix;

  public SupervisorResources(ApiGroupSuffix suffix) {
    this.suffix = suffix;
  }

  public ApiGroupSuffix suffix() {
    return suffix;
  }

  /** {@code config.supervisor.<suffix>}. */
  public String configGroup() {
    return suffix.group(SupervisorConfigGroup.NAME);
  }

  /** {@code idp.supervisor.<suffix>}: the only group a FederationDomain's objectRef may name. */
  public String identityProviderGroup() {
    return suffix.group(SupervisorIdpGroup.NAME);
  }

  public ResourceDefinitionContext federationDomains() {
    return context(
        configGroup(), SupervisorConfigGroup.VERSION, FEDERATION_DOMAIN_KIND, "federationdomains");
  }

  /** {@code clientsecret.supervisor.<suffix>}: the group of OIDCClientSecretRequests. */
  public String clientSecretGroup() {
    return suffix.group(SupervisorClientSecretGroup.NAME);
  }

  public ResourceDefinitionContext oidcClients() {
    return context(configGroup(), SupervisorConfigGroup.VERSION, "OIDCClient", "oidcclients");
  }

  public ResourceDefinitionContext identityProviders(IdentityProviderKind kind) {
    return context(identityProviderGroup(), SupervisorIdpGroup.VERSION, kind.kind(), kind.plural());
  }

  /** The owner reference that makes {@code federationDomain} the controller of an object. */
  public OwnerReference controllerReference(FederationDomain federationDomain) {
    return new OwnerReferenceBuilder()
        .withApiVersion(configGroup() + "/" + SupervisorConfigGroup.VERSION)
        .withKind(FEDERATION_DOMAIN_KIND)
        .withName(federationDomain.getMetadata().getName())
        .withUid(federationDomain.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /** The key of the FederationDomain that controls {@code object}, if one does. */
  public Optional<Key> controllingFederationDomain(HasMetadata object) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    if (owners == null) {
      return Optional.empty();
    }
    String apiVersion = configGroup() + "/" + SupervisorConfigGroup.VERSION;
    return owners.stream()
        .filter(owner -> Boolean.TRUE.equals(owner.getController()))
        .filter(owner -> apiVersion.equals(owner.getApiVersion()))
        .filter(owner -> FEDERATION_DOMAIN_KIND.equals(owner.getKind()))
        .findFirst()
        .map(owner -> Key.namespaced(object.getMetadata().getNamespace(), owner.getName()));
  }

  /** Whether {@code federationDomain} is the controller of {@code object} (same UID). */
  public boolean isControlledBy(HasMetadata object, FederationDomain federationDomain) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    return owners != null
        && owners.stream()
            .anyMatch(
                owner ->
                    Boolean.TRUE.equals(owner.getController())
                        && FEDERATION_DOMAIN_KIND.equals(owner.getKind())
                        && federationDomain.getMetadata().getUid().equals(owner.getUid()));
  }

  /** An unstarted cache of the objects of {@code kind} in {@code namespace}. */
  public static InformerResourceCache<GenericKubernetesResource> informer(
      KubernetesClient client, ResourceDefinitionContext kind, String namespace) {
    return InformerResourceCache.of(
        client.genericKubernetesResources(kind).inNamespace(namespace).runnableInformer(0),
        kind.getPlural() + "." + kind.getGroup() + " in " + namespace);
  }

  /** {@code generic} read as {@code type}. */
  public static <T extends HasMetadata> ResourceCache<T> typed(
      ResourceCache<GenericKubernetesResource> generic,
      Class<T> type,
      KubernetesSerialization serialization) {
    return MappedResourceCache.of(generic, object -> serialization.convertValue(object, type));
  }

  private static ResourceDefinitionContext context(
      String group, String version, String kind, String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }
}

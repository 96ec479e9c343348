package dev.pinnipedjava.aggregatedapi.discovery;

import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;
import dev.pinnipedjava.aggregatedapi.apiresource.GroupVersion;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The legacy discovery documents of the served resources. The kube-apiserver reads {@code
 * /apis/<group>/<version>} from every aggregated server (it falls back to these when aggregated
 * discovery is not offered); clients see them merged into the cluster's own.
 */
public final class ApiDiscovery {
  private final Map<GroupVersion, List<ApiResource>> resourcesByGroupVersion;

  public ApiDiscovery(List<ApiResource> resources) {
    Map<GroupVersion, List<ApiResource>> byGroupVersion = new LinkedHashMap<>();
    for (ApiResource resource : resources) {
      byGroupVersion
          .computeIfAbsent(resource.groupVersion(), groupVersion -> new ArrayList<>())
          .add(resource);
    }
    byGroupVersion.replaceAll((groupVersion, list) -> List.copyOf(list));
    this.resourcesByGroupVersion = Collections.unmodifiableMap(byGroupVersion);
  }

  /** {@code /apis}: every served group. */
  public APIGroupList groupList() {
    return new APIGroupListBuilder()
        .withApiVersion("v1")
        .withKind("APIGroupList")
        .withGroups(resourcesByGroupVersion.keySet().stream().map(this::group).toList())
        .build();
  }

  /** {@code /apis/<group>}, when the group is served. */
  public Optional<APIGroup> group(String name) {
    return resourcesByGroupVersion.keySet().stream()
        .filter(groupVersion -> groupVersion.group().equals(name))
        .findFirst()
        .map(
            groupVersion -> {
              APIGroup group = group(groupVersion);
              group.setApiVersion("v1");
              group.setKind("APIGroup");
              return group;
            });
  }

  /** {@code /apis/<group>/<version>}, when served. */
  public Optional<APIResourceList> resourceList(GroupVersion groupVersion) {
    List<ApiResource> resources = resourcesByGroupVersion.get(groupVersion);
    if (resources == null) {
      return Optional.empty();
    }
    return Optional.of(
        new APIResourceListBuilder()
            .withApiVersion("v1")
            .withKind("APIResourceList")
            .withGroupVersion(groupVersion.apiVersion())
            .withResources(resources.stream().map(ApiDiscovery::resource).toList())
            .build());
  }

  private APIGroup group(GroupVersion groupVersion) {
    // Each group has one version, v1alpha1, which is therefore the preferred one.
    GroupVersionForDiscovery version =
        new GroupVersionForDiscovery(groupVersion.apiVersion(), groupVersion.version());
    return new APIGroupBuilder()
        .withName(groupVersion.group())
        .withVersions(version)
        .withPreferredVersion(version)
        .build();
  }

  private static APIResource resource(ApiResource resource) {
    return new APIResourceBuilder()
        .withName(resource.plural())
        .withSingularName(resource.singular())
        .withNamespaced(resource.namespaced())
        .withKind(resource.kind())
        .withVerbs(ApiResource.VERBS)
        .withCategories(resource.categories())
        .build();
  }
}

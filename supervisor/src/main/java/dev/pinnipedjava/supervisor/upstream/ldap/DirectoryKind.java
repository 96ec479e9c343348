package dev.pinnipedjava.supervisor.upstream.ldap;

import dev.pinnipedjava.api.supervisor.idp.v1alpha1.IdentityProviderStatus;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A kind of directory identity provider resource, as {@link DirectoryUpstreamController} validates
 * it: how to read its spec, its defaults and its dialect.
 */
public interface DirectoryKind<T extends CustomResource<?, IdentityProviderStatus>> {
  IdentityProviderKind kind();

  /** The controller's name, as Pinniped names its watcher. */
  String controllerName();

  /** Whether it reports {@code SearchBaseFound} (Active Directory) and may read the RootDSE. */
  boolean reportsSearchBase();

  /** The resource's spec; null parts read as absent. */
  DirectorySpec spec(T resource);

  DirectoryDialect dialect();

  /**
   * The searches, defaults applied.
   *
   * @param defaultNamingContext the RootDSE's, when {@link #reportsSearchBase()} and a base is
   *     missing from the spec
   * @return empty when the spec cannot make valid searches without it
   */
  Optional<Searches> searches(DirectorySpec spec, @Nullable String defaultNamingContext);

  /** The user and group searches of a provider. */
  record Searches(DirectoryConfig.UserSearch user, DirectoryConfig.GroupSearch group) {}
}

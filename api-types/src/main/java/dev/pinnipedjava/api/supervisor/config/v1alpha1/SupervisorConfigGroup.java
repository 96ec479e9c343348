package dev.pinnipedjava.api.supervisor.config.v1alpha1;

/** The API group and version of FederationDomain and OIDCClient. */
public final class SupervisorConfigGroup {
  /** The group with Pinniped's default suffix; see {@code ApiGroupSuffix} to rename it. */
  public static final String NAME = "config.supervisor.pinniped.dev";

  public static final String VERSION = "v1alpha1";

  private SupervisorConfigGroup() {}
}

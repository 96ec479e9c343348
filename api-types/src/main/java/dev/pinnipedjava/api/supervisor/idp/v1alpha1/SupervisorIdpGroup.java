package dev.pinnipedjava.api.supervisor.idp.v1alpha1;

/** The API group and version of the upstream identity providers. */
public final class SupervisorIdpGroup {
  /** The group with Pinniped's default suffix; see {@code ApiGroupSuffix} to rename it. */
  public static final String NAME = "idp.supervisor.pinniped.dev";

  public static final String VERSION = "v1alpha1";

  private SupervisorIdpGroup() {}
}

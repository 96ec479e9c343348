package dev.pinnipedjava.api.supervisor.clientsecret.v1alpha1;

/** The API group and version of the OIDCClientSecretRequest API. */
public final class SupervisorClientSecretGroup {
  /** The group with Pinniped's default suffix; see {@code ApiGroupSuffix} to rename it. */
  public static final String NAME = "clientsecret.supervisor.pinniped.dev";

  public static final String VERSION = "v1alpha1";

  private SupervisorClientSecretGroup() {}
}

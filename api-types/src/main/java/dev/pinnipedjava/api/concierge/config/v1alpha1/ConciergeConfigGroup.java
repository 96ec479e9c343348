package dev.pinnipedjava.api.concierge.config.v1alpha1;

/** The API group and version of the CredentialIssuer. */
public final class ConciergeConfigGroup {
  /** The group with Pinniped's default suffix; see {@code ApiGroupSuffix} to rename it. */
  public static final String NAME = "config.concierge.pinniped.dev";

  public static final String VERSION = "v1alpha1";

  private ConciergeConfigGroup() {}
}

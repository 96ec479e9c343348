package dev.pinnipedjava.api.concierge.identity.v1alpha1;

/** The API group and version of the WhoAmIRequest API. */
public final class ConciergeIdentityGroup {
  /** The group with Pinniped's default suffix; see {@code ApiGroupSuffix} to rename it. */
  public static final String NAME = "identity.concierge.pinniped.dev";

  public static final String VERSION = "v1alpha1";

  private ConciergeIdentityGroup() {}
}

package dev.pinnipedjava.api.concierge.authentication.v1alpha1;

/** The API group and version of the Concierge's authenticators. */
public final class ConciergeAuthenticationGroup {
  /** The group with Pinniped's default suffix; see {@code ApiGroupSuffix} to rename it. */
  public static final String NAME = "authentication.concierge.pinniped.dev";

  public static final String VERSION = "v1alpha1";

  private ConciergeAuthenticationGroup() {}
}

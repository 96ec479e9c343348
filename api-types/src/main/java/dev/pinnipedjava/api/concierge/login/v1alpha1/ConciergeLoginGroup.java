package dev.pinnipedjava.api.concierge.login.v1alpha1;

/** The API group and version of the TokenCredentialRequest API. */
public final class ConciergeLoginGroup {
  /** The group with Pinniped's default suffix; see {@code ApiGroupSuffix} to rename it. */
  public static final String NAME = "login.concierge.pinniped.dev";

  public static final String VERSION = "v1alpha1";

  private ConciergeLoginGroup() {}
}

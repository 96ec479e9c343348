package dev.pinnipedjava.api.supervisor.oidc;

/** The OAuth client IDs the Supervisor knows. */
public final class ClientIds {
  /** The static public client of the CLI; it needs no OIDCClient resource. */
  public static final String PINNIPED_CLI = "pinniped-cli";

  /**
   * The prefix of every dynamic client ID: the {@code metadata.name} of an OIDCClient must start
   * with it.
   */
  public static final String OIDC_CLIENT_PREFIX = "client.oauth.pinniped.dev-";

  private ClientIds() {}
}

package dev.pinnipedjava.cli.supervisordiscovery;

/**
 * The upstream identity provider flags of a login; "" means not chosen.
 *
 * @param type "oidc", "ldap", "activedirectory" or "github"
 * @param flow "browser_authcode" or "cli_password"
 */
public record UpstreamChoice(String name, String type, String flow) {

  public static final UpstreamChoice NONE = new UpstreamChoice("", "", "");

  boolean isComplete() {
    return !name.isEmpty() && !type.isEmpty() && !flow.isEmpty();
  }
}

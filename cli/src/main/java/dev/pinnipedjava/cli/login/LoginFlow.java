package dev.pinnipedjava.cli.login;

import java.util.Arrays;
import java.util.Optional;

/** How the user proves who they are to a Pinniped Supervisor's upstream identity provider. */
public enum LoginFlow {
  /**
   * A browser visits the authorize endpoint; the code comes back to a loopback listener or is
   * pasted.
   */
  BROWSER_AUTHCODE("browser_authcode"),
  /** The CLI sends username and password in headers to the authorize endpoint. */
  CLI_PASSWORD("cli_password");

  private final String wireName;

  LoginFlow(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<LoginFlow> fromWireName(String name) {
    return Arrays.stream(values()).filter(flow -> flow.wireName.equals(name)).findFirst();
  }

  /**
   * Reads a flow named by a flag or variable.
   *
   * @param source where the value came from, for the message
   * @throws LoginException with Pinniped's wording for anything else
   */
  public static LoginFlow parse(String name, String source) throws LoginException {
    return fromWireName(name)
        .orElseThrow(
            () ->
                new LoginException(
                    "WithLoginFlow error: loginFlow '%s' from '%s' must be 'cli_password' or 'browser_authcode'"
                        .formatted(name, source)));
  }
}

package dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The ways a client can log in with an identity provider, as identity provider discovery names
 * them.
 */
public enum IDPFlow {
  /** The CLI sends the username and password itself, in headers of the authorize request. */
  CLI_PASSWORD("cli_password"),
  /** The user logs in with a web browser, through the authorization code flow. */
  BROWSER_AUTHCODE("browser_authcode");

  private final String wireName;

  IDPFlow(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire, also the value of the CLI's flow flag. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The flow with this wire name, if there is one. */
  public static Optional<IDPFlow> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(flow -> flow.wireName.equals(wireName)).findFirst();
  }

  @JsonCreator
  static IDPFlow parse(String wireName) {
    return fromWireName(wireName)
        .orElseThrow(() -> new IllegalArgumentException("unknown identity provider flow"));
  }
}

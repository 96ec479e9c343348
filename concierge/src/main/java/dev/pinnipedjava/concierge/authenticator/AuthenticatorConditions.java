package dev.pinnipedjava.concierge.authenticator;

/** The status vocabulary every authenticator kind shares, as Pinniped's cache fillers write it. */
public final class AuthenticatorConditions {
  private AuthenticatorConditions() {}

  public static final String READY = "Ready";
  public static final String AUTHENTICATOR_VALID = "AuthenticatorValid";
  public static final String TLS_CONFIGURATION_VALID = "TLSConfigurationValid";

  public static final String REASON_SUCCESS = "Success";
  public static final String REASON_NOT_READY = "NotReady";
  public static final String REASON_UNABLE_TO_VALIDATE = "UnableToValidate";
  public static final String REASON_INVALID_TLS_CONFIG = "InvalidTLSConfig";

  public static final String MESSAGE_UNABLE_TO_VALIDATE =
      "unable to validate; see other conditions for details";
}

package dev.pinnipedjava.cli.conciergediscovery;

import dev.pinnipedjava.api.concierge.config.v1alpha1.FrontendType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How clients reach the Concierge ({@code --concierge-mode}). */
public enum ConciergeMode {
  TOKEN_CREDENTIAL_REQUEST_API(
      "TokenCredentialRequestAPI", FrontendType.TOKEN_CREDENTIAL_REQUEST_API),
  IMPERSONATION_PROXY("ImpersonationProxy", FrontendType.IMPERSONATION_PROXY);

  private final String flagValue;
  private final FrontendType frontend;

  ConciergeMode(String flagValue, FrontendType frontend) {
    this.flagValue = flagValue;
    this.frontend = frontend;
  }

  public String flagValue() {
    return flagValue;
  }

  FrontendType frontend() {
    return frontend;
  }

  /**
   * Reads the flag, in any case; empty means "discover it".
   *
   * @throws IllegalArgumentException for any other value
   */
  public static Optional<ConciergeMode> parse(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Arrays.stream(values())
            .filter(
                mode ->
                    mode.flagValue.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT)))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "invalid mode \"%s\", valid modes are TokenCredentialRequestAPI and ImpersonationProxy"
                            .formatted(value))));
  }

  static Optional<ConciergeMode> of(FrontendType frontend) {
    return Arrays.stream(values()).filter(mode -> mode.frontend == frontend).findFirst();
  }
}

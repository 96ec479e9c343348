package dev.pinnipedjava.concierge.authenticator;

import static dev.pinnipedjava.concierge.authenticator.AuthenticatorConditions.REASON_INVALID_TLS_CONFIG;
import static dev.pinnipedjava.concierge.authenticator.AuthenticatorConditions.REASON_SUCCESS;
import static dev.pinnipedjava.concierge.authenticator.AuthenticatorConditions.TLS_CONFIGURATION_VALID;

import dev.pinnipedjava.api.concierge.authentication.v1alpha1.TLSSpec;
import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.concierge.authenticator.StatusConditions.Computed;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of checking an authenticator's {@code spec.tls}: the {@code TLSConfigurationValid}
 * condition and, when it holds one, the CA bundle to trust.
 *
 * @param ok whether the TLS configuration is usable
 * @param bundle the configured CAs; null trusts the JDK's roots
 * @param condition the condition to report
 */
public record TlsConfiguration(boolean ok, @Nullable CaBundle bundle, Computed condition) {

  /** Checks {@code spec.tls} with Pinniped's messages. */
  public static TlsConfiguration check(@Nullable TLSSpec tls) {
    String data = tls == null ? null : tls.certificateAuthorityData();
    boolean hasSource = tls != null && tls.certificateAuthorityDataSource() != null;
    if (data != null && !data.isEmpty() && hasSource) {
      return invalid(
          "spec.tls is invalid: both tls.certificateAuthorityDataSource and"
              + " tls.certificateAuthorityData provided");
    }
    if (hasSource) {
      return invalid(
          "spec.tls.certificateAuthorityDataSource is not supported by this version of the"
              + " Concierge: use spec.tls.certificateAuthorityData");
    }
    if (data == null || data.isEmpty()) {
      return new TlsConfiguration(
          true, null, success("spec.tls is valid: no TLS configuration provided"));
    }
    try {
      CaBundle bundle = CaBundle.fromBase64Pem(data, "spec.tls.certificateAuthorityData");
      return new TlsConfiguration(
          true, bundle, success("spec.tls is valid: using configured CA bundle"));
    } catch (IllegalArgumentException e) {
      return invalid(String.valueOf(e.getMessage()));
    }
  }

  private static TlsConfiguration invalid(String message) {
    return new TlsConfiguration(
        false,
        null,
        new Computed(
            TLS_CONFIGURATION_VALID, ConditionStatus.FALSE, REASON_INVALID_TLS_CONFIG, message));
  }

  private static Computed success(String message) {
    return new Computed(TLS_CONFIGURATION_VALID, ConditionStatus.TRUE, REASON_SUCCESS, message);
  }
}

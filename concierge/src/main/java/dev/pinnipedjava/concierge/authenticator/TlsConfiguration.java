package dev.pinnipedjava.concierge.authenticator;

import static dev.pinnipedjava.concierge.authenticator.AuthenticatorConditions.REASON_INVALID_TLS_CONFIG;
import static dev.pinnipedjava.concierge.authenticator.AuthenticatorConditions.REASON_SUCCESS;
import static dev.pinnipedjava.concierge.authenticator.AuthenticatorConditions.TLS_CONFIGURATION_VALID;

import dev.pinnipedjava.api.concierge.authentication.v1alpha1.TLSSpec;
import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.concierge.authenticator.StatusConditions.Computed;
import dev.pinnipedjava.controller.cabundle.CaBundleOutcome;
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
  /**
   * Checks {@code spec.tls} with Pinniped's messages ({@code tlsconfigutil}), reading a {@code
   * certificateAuthorityDataSource} from {@code sources}.
   */
  public static TlsConfiguration check(@Nullable TLSSpec tls, CaBundleSources sources) {
    CaBundleOutcome<CaBundle> outcome = sources.read(tls, "spec.tls");
    return new TlsConfiguration(
        outcome.valid(),
        outcome.bundle(),
        outcome.valid()
            ? new Computed(
                TLS_CONFIGURATION_VALID, ConditionStatus.TRUE, REASON_SUCCESS, outcome.message())
            : new Computed(
                TLS_CONFIGURATION_VALID,
                ConditionStatus.FALSE,
                REASON_INVALID_TLS_CONFIG,
                outcome.message()));
  }
}

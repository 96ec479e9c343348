package dev.pinnipedjava.concierge.authenticator;

import static dev.pinnipedjava.concierge.authenticator.AuthenticatorConditions.REASON_INVALID_TLS_CONFIG;
import static dev.pinnipedjava.concierge.authenticator.AuthenticatorConditions.REASON_SUCCESS;
import static dev.pinnipedjava.concierge.authenticator.AuthenticatorConditions.TLS_CONFIGURATION_VALID;

import dev.pinnipedjava.api.concierge.authentication.v1alpha1.CertificateAuthorityDataSourceKind;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.CertificateAuthorityDataSourceSpec;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.TLSSpec;
import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.concierge.authenticator.StatusConditions.Computed;
import dev.pinnipedjava.pki.InvalidPemException;
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
  private static final String PREFIX = "spec.tls";
  private static final String NO_PEM =
      "(PEM certificates must begin with \"-----BEGIN CERTIFICATE-----\")";

  /**
   * Checks {@code spec.tls} with Pinniped's messages ({@code tlsconfigutil}), reading a {@code
   * certificateAuthorityDataSource} from {@code sources}.
   */
  public static TlsConfiguration check(@Nullable TLSSpec tls, CaBundleSources sources) {
    String data = tls == null ? null : tls.certificateAuthorityData();
    CertificateAuthorityDataSourceSpec source =
        tls == null ? null : tls.certificateAuthorityDataSource();
    if (data != null && !data.isEmpty() && source != null) {
      return invalid(
          PREFIX
              + " is invalid: both tls.certificateAuthorityDataSource and"
              + " tls.certificateAuthorityData provided");
    }
    if (source != null) {
      return fromSource(source, sources);
    }
    if (data == null || data.isEmpty()) {
      return new TlsConfiguration(
          true, null, success(PREFIX + " is valid: no TLS configuration provided"));
    }
    try {
      CaBundle bundle = CaBundle.fromBase64Pem(data, PREFIX + ".certificateAuthorityData");
      return loaded(bundle);
    } catch (IllegalArgumentException e) {
      return invalid(String.valueOf(e.getMessage()));
    }
  }

  private static TlsConfiguration fromSource(
      CertificateAuthorityDataSourceSpec source, CaBundleSources sources) {
    String field = PREFIX + ".certificateAuthorityDataSource";
    String pem;
    try {
      pem = sources.read(source);
    } catch (CaBundleSources.UnreadableSourceException e) {
      return invalid(field + " is invalid: " + e.getMessage());
    }
    try {
      return loaded(CaBundle.fromPem(pem));
    } catch (InvalidPemException e) {
      return invalid(
          "%s is invalid: key \"%s\" with %d bytes of data in %s \"%s/%s\" is not a PEM-encoded certificate %s"
              .formatted(
                  field,
                  source.key(),
                  pem.length(),
                  source.kind() == CertificateAuthorityDataSourceKind.SECRET
                      ? "secret"
                      : "configmap",
                  sources.namespace(),
                  source.name(),
                  NO_PEM));
    }
  }

  private static TlsConfiguration loaded(CaBundle bundle) {
    return new TlsConfiguration(
        true, bundle, success(PREFIX + " is valid: loaded TLS configuration"));
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

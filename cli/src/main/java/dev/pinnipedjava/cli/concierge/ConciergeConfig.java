package dev.pinnipedjava.cli.concierge;

import dev.pinnipedjava.cli.http.Pem;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Where and how to reach the Concierge, validated from the {@code --concierge-*} flags.
 *
 * @param endpoint the https base URL of the Concierge's API (the cluster's API server)
 * @param trustRoots the CA bundle to trust; empty means the system's trust roots
 */
public record ConciergeConfig(
    URI endpoint,
    List<X509Certificate> trustRoots,
    AuthenticatorType authenticatorType,
    String authenticatorName,
    ApiGroupSuffix apiGroupSuffix) {

  public ConciergeConfig {
    trustRoots = List.copyOf(trustRoots);
  }

  /**
   * Validates the flag values in Pinniped's order (endpoint, CA bundle, authenticator, suffix).
   *
   * @param caBundleBase64 base64 of a PEM bundle, or empty for the system's trust roots
   * @throws InvalidConciergeConfigException with Pinniped's wording of the first problem
   */
  public static ConciergeConfig parse(
      String endpoint,
      String caBundleBase64,
      String authenticatorType,
      String authenticatorName,
      String apiGroupSuffix)
      throws InvalidConciergeConfigException {
    URI endpointUri = endpoint(endpoint);
    List<X509Certificate> roots = caBundle(caBundleBase64);
    if (authenticatorName.isEmpty()) {
      throw new InvalidConciergeConfigException("authenticator name must not be empty");
    }
    AuthenticatorType type;
    ApiGroupSuffix suffix;
    try {
      type = AuthenticatorType.parse(authenticatorType);
    } catch (IllegalArgumentException e) {
      throw new InvalidConciergeConfigException(String.valueOf(e.getMessage()));
    }
    try {
      suffix = ApiGroupSuffix.parse(apiGroupSuffix);
    } catch (IllegalArgumentException e) {
      throw new InvalidConciergeConfigException("invalid API group suffix: " + e.getMessage());
    }
    return new ConciergeConfig(endpointUri, roots, type, authenticatorName, suffix);
  }

  private static URI endpoint(String endpoint) throws InvalidConciergeConfigException {
    if (endpoint.isEmpty()) {
      throw new InvalidConciergeConfigException("endpoint must not be empty");
    }
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new InvalidConciergeConfigException("invalid endpoint URL: " + e.getMessage());
    }
    if (!"https".equals(uri.getScheme())) {
      throw new InvalidConciergeConfigException(
          "invalid endpoint scheme \"%s\" (must be \"https\")"
              .formatted(uri.getScheme() == null ? "" : uri.getScheme()));
    }
    return uri;
  }

  private static List<X509Certificate> caBundle(String base64)
      throws InvalidConciergeConfigException {
    if (base64.isEmpty()) {
      return List.of();
    }
    byte[] pem;
    try {
      // Go's base64 decoder skips line breaks.
      pem = Base64.getDecoder().decode(base64.replace("\r", "").replace("\n", ""));
    } catch (IllegalArgumentException e) {
      throw new InvalidConciergeConfigException("invalid CA bundle data: " + e.getMessage());
    }
    if (pem.length == 0) {
      return List.of();
    }
    List<X509Certificate> certificates;
    try {
      certificates = Pem.certificates(pem);
    } catch (CertificateException e) {
      throw new InvalidConciergeConfigException("invalid CA bundle data: " + e.getMessage());
    }
    if (certificates.isEmpty()) {
      throw new InvalidConciergeConfigException("invalid CA bundle data: no certificates found");
    }
    return certificates;
  }
}

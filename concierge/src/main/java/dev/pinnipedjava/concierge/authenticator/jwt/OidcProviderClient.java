package dev.pinnipedjava.concierge.authenticator.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import dev.pinnipedjava.concierge.authenticator.CaBundle;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Fetches an OIDC provider's discovery document and key set over HTTPS. */
final class OidcProviderClient {
  /** As Kubernetes' OIDC authenticator. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final int SIZE_LIMIT_BYTES = 1024 * 1024;
  private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

  private final ResourceRetriever retriever;
  private final ObjectMapper mapper = new ObjectMapper();

  /**
   * @param caBundle the CAs to trust; null trusts the JDK's roots
   */
  OidcProviderClient(@Nullable CaBundle caBundle) {
    this.retriever =
        new DefaultResourceRetriever(
            (int) TIMEOUT.toMillis(),
            (int) TIMEOUT.toMillis(),
            SIZE_LIMIT_BYTES,
            true,
            caBundle == null ? null : caBundle.socketFactory());
  }

  ResourceRetriever retriever() {
    return retriever;
  }

  /** What discovery says about the provider. */
  record ProviderMetadata(String issuer, String jwksUri) {}

  /**
   * Reads {@code <issuer>/.well-known/openid-configuration} and checks that it names the same
   * issuer, as OIDC Discovery 1.0 section 4.3 requires.
   *
   * @throws IOException when the document cannot be fetched or used; the message says why
   */
  ProviderMetadata discover(String issuer) throws IOException {
    URL url = URI.create(trimTrailingSlash(issuer) + DISCOVERY_PATH).toURL();
    Resource resource = retriever.retrieveResource(url);
    JsonNode document;
    try {
      document = mapper.readTree(resource.getContent());
    } catch (IOException e) {
      throw new IOException("discovery document at " + url + " is not JSON", e);
    }
    String reportedIssuer = text(document, "issuer");
    if (!issuer.equals(reportedIssuer)) {
      throw new IOException(
          "oidc: issuer did not match the issuer returned by provider, expected \""
              + issuer
              + "\" got \""
              + reportedIssuer
              + "\"");
    }
    String jwksUri = text(document, "jwks_uri");
    if (jwksUri.isEmpty()) {
      throw new IOException("discovery document at " + url + " has no jwks_uri");
    }
    return new ProviderMetadata(reportedIssuer, jwksUri);
  }

  /** Fetches and parses a JWK set. */
  JWKSet fetchKeys(URL jwksUrl) throws IOException {
    Resource resource = retriever.retrieveResource(jwksUrl);
    try {
      return JWKSet.parse(resource.getContent());
    } catch (ParseException e) {
      throw new IOException(
          "the document at " + jwksUrl + " is not a JWK set: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode document, String field) {
    JsonNode value = document.get(field);
    return value != null && value.isTextual() ? value.asText() : "";
  }

  private static String trimTrailingSlash(String issuer) {
    return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
  }
}

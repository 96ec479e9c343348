package dev.pinnipedjava.supervisor.upstream.oidc;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.pinnipedjava.supervisor.upstream.UpstreamException;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsTrust;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * OpenID Connect Discovery 1.0 of upstream issuers, cached for {@value #TTL_MINUTES} minutes per
 * issuer and CA bundle (Pinniped's discovery cache), with an HTTP client and a key source for each.
 */
public final class OidcDiscovery {
  static final long TTL_MINUTES = 15;
  private static final Duration TTL = Duration.ofMinutes(TTL_MINUTES);

  /** A discovered provider: its metadata, how to reach it, and its signing keys. */
  record Discovered(
      OIDCProviderMetadata metadata, UpstreamHttp http, JWKSource<SecurityContext> keys) {}

  private record CacheKey(String issuer, String caBundleHash) {}

  private record Entry(Discovered discovered, Instant expires) {}

  private final Clock clock;
  private final Map<CacheKey, Entry> cache = new HashMap<>();

  public OidcDiscovery(Clock clock) {
    this.clock = clock;
  }

  /**
   * The provider at {@code issuer}, from the cache or discovered now.
   *
   * @throws UpstreamException when discovery fails (not cached)
   */
  synchronized Discovered discover(String issuer, UpstreamTlsTrust trust) {
    CacheKey key = new CacheKey(issuer, trust.hash());
    Instant now = clock.instant();
    Entry entry = cache.get(key);
    if (entry != null && now.isBefore(entry.expires())) {
      return entry.discovered();
    }
    cache.values().removeIf(old -> !now.isBefore(old.expires()));
    Discovered discovered = fetch(issuer, new UpstreamHttp(trust));
    cache.put(key, new Entry(discovered, now.plus(TTL)));
    return discovered;
  }

  private static Discovered fetch(String issuer, UpstreamHttp http) {
    URI wellKnown;
    try {
      wellKnown = new URI(issuer + "/.well-known/openid-configuration");
    } catch (URISyntaxException e) {
      throw new UpstreamException("invalid issuer URL: " + e.getMessage(), e);
    }
    HTTPResponse response =
        http.send(new HTTPRequest(HTTPRequest.Method.GET, wellKnown), "Get \"" + wellKnown + "\"");
    if (response.getStatusCode() != 200) {
      throw new UpstreamException(
          response.getStatusCode() + " " + response.getStatusMessage() + ": " + response.getBody());
    }
    OIDCProviderMetadata metadata;
    try {
      metadata = OIDCProviderMetadata.parse(response.getBodyAsJSONObject());
    } catch (ParseException e) {
      throw new UpstreamException(
          "oidc: failed to decode provider discovery object: " + e.getMessage(), e);
    }
    // As go-oidc: a provider must name itself with the issuer it was discovered at.
    if (!issuer.equals(metadata.getIssuer().getValue())) {
      throw new UpstreamException(
          "oidc: issuer did not match the issuer returned by provider, expected \"%s\" got \"%s\""
              .formatted(issuer, metadata.getIssuer().getValue()));
    }
    URI jwksUri = metadata.getJWKSetURI();
    if (jwksUri == null) {
      throw new UpstreamException("oidc: provider discovery object has no jwks_uri");
    }
    URL jwks;
    try {
      jwks = jwksUri.toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new UpstreamException("oidc: provider has no usable jwks_uri", e);
    }
    JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwks, http.retriever()).build();
    return new Discovered(metadata, http, keys);
  }
}

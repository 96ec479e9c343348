package dev.pinnipedjava.cli.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.pinnipedjava.cli.testing.LoopbackHttpsServer.Request;
import dev.pinnipedjava.cli.testing.LoopbackHttpsServer.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A small OIDC provider over real HTTPS with Nimbus-signed ES256 tokens: discovery, JWKS, authorize
 * (logging the user in at once, or checking Pinniped's password headers), token (authorization code
 * with PKCE, refresh, RFC 8693 exchange), and optionally Pinniped Supervisor identity provider
 * discovery.
 */
public final class FakeOidcProvider implements AutoCloseable {

  public static final String USERNAME = "alice";
  public static final String PASSWORD = "wonderland";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoopbackHttpsServer server = LoopbackHttpsServer.start();
  private final Clock clock;
  private final ECKey key;
  private final Map<String, CodeGrant> codes = new ConcurrentHashMap<>();
  private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
  private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
  private final List<Map<String, String>> authorizeRequests = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();

  /** Settings a test may change before the login. */
  public volatile boolean formPost = true;

  public volatile Duration idTokenLifetime = Duration.ofMinutes(2);
  public volatile Duration accessTokenLifetime = Duration.ofMinutes(2);
  public volatile boolean refreshAllowed = true;
  public volatile @Nullable String wrongNonce;
  public volatile @Nullable String supervisorIdps;

  /** The discovery document's scopes_supported, or null to leave it out. */
  public volatile @Nullable List<String> scopesSupported;

  private record CodeGrant(Map<String, String> authorize) {}

  public FakeOidcProvider(Clock clock) {
    this.clock = clock;
    try {
      this.key = new ECKeyGenerator(Curve.P_256).keyID("test-key").generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    server.on(
        "/issuer/.well-known/openid-configuration", request -> Response.json(200, discovery()));
    server.on(
        "/issuer/jwks.json",
        request -> Response.json(200, new JWKSet(key.toPublicJWK()).toString()));
    server.on("/issuer/oauth2/authorize", this::authorize);
    server.on("/issuer/oauth2/token", this::token);
    server.on(
        "/issuer/v1alpha1/pinniped_identity_providers",
        request ->
            supervisorIdps == null
                ? Response.json(404, "{}")
                : Response.json(
                    200,
                    "{\"pinniped_identity_providers\":%s,\"pinniped_supported_identity_provider_types\":[{\"type\":\"activedirectory\"},{\"type\":\"github\"},{\"type\":\"ldap\"},{\"type\":\"oidc\"}]}"
                        .formatted(supervisorIdps)));
  }

  public String issuer() {
    return server.url() + "/issuer";
  }

  public LoopbackHttpsServer server() {
    return server;
  }

  public List<Map<String, String>> authorizeRequests() {
    return List.copyOf(authorizeRequests);
  }

  public List<Map<String, String>> tokenRequests() {
    return List.copyOf(tokenRequests);
  }

  public long tokenRequests(String grantType) {
    return tokenRequests.stream().filter(r -> grantType.equals(r.get("grant_type"))).count();
  }

  public int requestCount() {
    return server.requests().size();
  }

  private String discovery() {
    ObjectNode document =
        JSON.createObjectNode()
            .put("issuer", issuer())
            .put("authorization_endpoint", issuer() + "/oauth2/authorize")
            .put("token_endpoint", issuer() + "/oauth2/token")
            .put("jwks_uri", issuer() + "/jwks.json");
    ArrayNode modes = document.putArray("response_modes_supported").add("query");
    if (formPost) {
      modes.add("form_post");
    }
    document.putArray("id_token_signing_alg_values_supported").add("ES256");
    List<String> scopes = scopesSupported;
    if (scopes != null) {
      scopes.forEach(document.putArray("scopes_supported")::add);
    }
    if (supervisorIdps != null) {
      document
          .putObject("discovery.supervisor.pinniped.dev/v1alpha1")
          .put(
              "pinniped_identity_providers_endpoint",
              issuer() + "/v1alpha1/pinniped_identity_providers");
    }
    return document.toString();
  }

  private Response authorize(Request request) {
    Map<String, String> params = parse(request.query());
    authorizeRequests.add(params);
    String redirect = params.getOrDefault("redirect_uri", "");
    String state = params.getOrDefault("state", "");
    if (request.headers().containsKey("pinniped-username")) {
      boolean valid =
          USERNAME.equals(request.headers().get("pinniped-username"))
              && PASSWORD.equals(request.headers().get("pinniped-password"));
      if (!valid) {
        return redirect(
            redirect
                + "?error=access_denied&error_description="
                + encode(
                    "The resource owner or authorization server denied the request. Username/password not accepted by LDAP provider.")
                + "&state="
                + encode(state));
      }
    }
    String code = "code-" + UUID.randomUUID();
    codes.put(code, new CodeGrant(params));
    return redirect(redirect + "?code=" + encode(code) + "&state=" + encode(state));
  }

  private static Response redirect(String location) {
    return new Response(302, "", Map.of("Location", location, "Content-Type", "text/html"));
  }

  private Response token(Request request) {
    Map<String, String> form = parse(request.body());
    tokenRequests.add(form);
    return switch (form.getOrDefault("grant_type", "")) {
      case "authorization_code" -> redeem(form);
      case "refresh_token" -> refresh(form);
      case "urn:ietf:params:oauth:grant-type:token-exchange" -> exchange(form);
      default -> error("unsupported_grant_type", "");
    };
  }

  private Response redeem(Map<String, String> form) {
    CodeGrant grant = codes.remove(form.getOrDefault("code", ""));
    if (grant == null) {
      return error("invalid_grant", "The provided authorization grant is invalid.");
    }
    Map<String, String> authorize = grant.authorize();
    if (!authorize.getOrDefault("redirect_uri", "").equals(form.get("redirect_uri"))
        || !authorize.getOrDefault("client_id", "").equals(form.get("client_id"))
        || !s256(form.getOrDefault("code_verifier", "")).equals(authorize.get("code_challenge"))) {
      return error("invalid_grant", "PKCE, redirect URI or client mismatch.");
    }
    String nonce = wrongNonce != null ? wrongNonce : authorize.get("nonce");
    return tokens(authorize.getOrDefault("client_id", ""), nonce, true);
  }

  private Response refresh(Map<String, String> form) {
    if (!refreshAllowed || !refreshTokens.remove(form.getOrDefault("refresh_token", ""))) {
      return error("invalid_grant", "The refresh token is not valid.");
    }
    return tokens(form.getOrDefault("client_id", ""), null, true);
  }

  private Response exchange(Map<String, String> form) {
    if (!accessTokens.contains(form.getOrDefault("subject_token", ""))
        || !"urn:ietf:params:oauth:token-type:access_token".equals(form.get("subject_token_type"))
        || !"urn:ietf:params:oauth:token-type:jwt".equals(form.get("requested_token_type"))) {
      return error("invalid_request", "bad exchange");
    }
    String jwt = sign(form.getOrDefault("audience", ""), null, idTokenLifetime);
    return Response.json(
        200,
        JSON.createObjectNode()
            .put("access_token", jwt)
            .put("token_type", "N_A")
            .put("issued_token_type", "urn:ietf:params:oauth:token-type:jwt")
            .put("expires_in", idTokenLifetime.toSeconds())
            .toString());
  }

  private Response tokens(String clientId, @Nullable String nonce, boolean withRefresh) {
    String access = "access-" + UUID.randomUUID();
    accessTokens.add(access);
    ObjectNode body =
        JSON.createObjectNode()
            .put("access_token", access)
            .put("token_type", "Bearer")
            .put("expires_in", accessTokenLifetime.toSeconds())
            .put("id_token", sign(clientId, nonce, idTokenLifetime))
            .put("scope", "openid offline_access");
    if (withRefresh) {
      String refresh = "refresh-" + UUID.randomUUID();
      refreshTokens.add(refresh);
      body.put("refresh_token", refresh);
    }
    return Response.json(200, body.toString());
  }

  /** An ID token (or exchanged JWT) for {@code alice}. */
  public String sign(String audience, @Nullable String nonce, Duration lifetime) {
    Instant now = clock.instant();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer())
            .subject("alice-subject")
            .audience(audience)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetime)))
            .claim("username", USERNAME)
            .claim("groups", List.of("wonderland"));
    if (nonce != null) {
      claims.claim("nonce", nonce);
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
            claims.build());
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static Response error(String error, String description) {
    return Response.json(
        400,
        JSON.createObjectNode()
            .put("error", error)
            .put("error_description", description)
            .toString());
  }

  static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Decodes a query string or form body. */
  public static Map<String, String> parse(@Nullable String encoded) {
    Map<String, String> params = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&")) {
      String[] parts = pair.split("=", 2);
      params.put(
          URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
    }
    return params;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The query of a URI as a map. */
  public static Map<String, String> query(URI uri) {
    return parse(uri.getRawQuery());
  }

  @Override
  public void close() {
    server.close();
  }
}

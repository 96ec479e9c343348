package dev.pinnipedjava.testkit.oidcissuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.testkit.loopback.LoopbackTls;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A minimal OpenID provider for tests: HTTPS on 127.0.0.1 with its own CA, a discovery document and
 * a JWKS with one RSA and one EC signing key, and a way to mint tokens. Tests can break its answers
 * to exercise a JWTAuthenticator's validation.
 */
public final class TestOidcIssuer implements AutoCloseable {
  /** What the discovery endpoint answers. */
  public enum Discovery {
    GOOD,
    NOT_FOUND,
    WRONG_ISSUER,
    HTTP_JWKS_URI
  }

  private final HttpsServer server;
  private final CertificateAuthority ca;
  private final String issuer;
  private volatile RSAKey rsaKey;
  private final ECKey ecKey;
  private volatile Discovery discovery = Discovery.GOOD;
  private volatile boolean jwksBroken;

  private TestOidcIssuer(String path) throws IOException, JOSEException {
    LoopbackTls tls = LoopbackTls.create("OIDC issuer");
    this.ca = tls.ca();
    this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
    this.issuer = "https://127.0.0.1:" + server.getAddress().getPort() + path;
    this.rsaKey = newRsaKey();
    this.ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec-" + UUID.randomUUID()).generate();
    server.createContext(path + "/.well-known/openid-configuration", this::discovery);
    server.createContext(path + "/jwks.json", this::jwks);
    server.start();
  }

  /** Starts an issuer at {@code https://127.0.0.1:<port><path>}. */
  public static TestOidcIssuer start(String path) {
    try {
      return new TestOidcIssuer(path);
    } catch (IOException | JOSEException e) {
      throw new IllegalStateException("cannot start the test OIDC issuer", e);
    }
  }

  public String issuer() {
    return issuer;
  }

  /**
   * The issuer's CA, base64 PEM, as a JWTAuthenticator's {@code spec.tls.certificateAuthorityData}.
   */
  public String caBundleBase64() {
    return Base64.getEncoder().encodeToString(ca.certificatePem().getBytes(StandardCharsets.UTF_8));
  }

  public void answerDiscovery(Discovery answer) {
    discovery = answer;
  }

  public void breakJwks(boolean broken) {
    jwksBroken = broken;
  }

  /** Replaces the RSA signing key: tokens signed with the old one no longer verify. */
  public void rotateRsaKey() {
    try {
      rsaKey = newRsaKey();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A token with these claims signed by the issuer's key for {@code algorithm} (RS256 or ES256).
   */
  public String sign(JWTClaimsSet claims, JWSAlgorithm algorithm) {
    try {
      JWK key = algorithm.equals(JWSAlgorithm.ES256) ? ecKey : rsaKey;
      JWSSigner signer =
          algorithm.equals(JWSAlgorithm.ES256) ? new ECDSASigner(ecKey) : new RSASSASigner(rsaKey);
      SignedJWT jwt =
          new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JWK set with the issuer's public keys. */
  public JWKSet publicKeys() {
    return new JWKSet(List.of(rsaKey.toPublicJWK(), ecKey.toPublicJWK()));
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static RSAKey newRsaKey() throws JOSEException {
    return new RSAKeyGenerator(2048).keyID("rsa-" + UUID.randomUUID()).generate();
  }

  private void discovery(HttpExchange exchange) throws IOException {
    String jwksUri = issuer + "/jwks.json";
    switch (discovery) {
      case NOT_FOUND -> respond(exchange, 404, "{}");
      case WRONG_ISSUER ->
          respond(
              exchange,
              200,
              "{\"issuer\":\"https://elsewhere.example\",\"jwks_uri\":\"" + jwksUri + "\"}");
      case HTTP_JWKS_URI ->
          respond(
              exchange,
              200,
              "{\"issuer\":\""
                  + issuer
                  + "\",\"jwks_uri\":\""
                  + jwksUri.replace("https:", "http:")
                  + "\"}");
      case GOOD ->
          respond(
              exchange, 200, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri + "\"}");
    }
  }

  private void jwks(HttpExchange exchange) throws IOException {
    if (jwksBroken) {
      respond(exchange, 500, "broken");
      return;
    }
    respond(exchange, 200, publicKeys().toString());
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}

package dev.pinnipedjava.supervisor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.pinnipedjava.aggregatedapi.tls.TlsProfile;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.supervisor.audit.AuditLog;
import dev.pinnipedjava.supervisor.endpoint.EndpointServices;
import dev.pinnipedjava.supervisor.endpoint.FormEncoding;
import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import dev.pinnipedjava.supervisor.federation.InvalidIssuerException;
import dev.pinnipedjava.supervisor.federation.IssuerRouter;
import dev.pinnipedjava.supervisor.federation.IssuerUrl;
import dev.pinnipedjava.supervisor.federation.OfferedIdentityProvider;
import dev.pinnipedjava.supervisor.keys.JwksSecretKind;
import dev.pinnipedjava.supervisor.keys.KeyCache;
import dev.pinnipedjava.supervisor.keys.SymmetricKey;
import dev.pinnipedjava.supervisor.keys.SymmetricKeySecretKind;
import dev.pinnipedjava.supervisor.oauth.ClientRegistry;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.server.IssuerEndpoints;
import dev.pinnipedjava.supervisor.server.SupervisorHttpsServer;
import dev.pinnipedjava.supervisor.storage.SessionStorage;
import dev.pinnipedjava.supervisor.storage.StorageSchema;
import dev.pinnipedjava.supervisor.tls.SniKeyManager;
import dev.pinnipedjava.supervisor.transform.IdentityTransforms;
import dev.pinnipedjava.supervisor.upstream.UpstreamIdentityProvider;
import dev.pinnipedjava.supervisor.upstream.UpstreamRegistry;
import dev.pinnipedjava.testkit.clock.MutableClock;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One issuer's endpoints over real HTTPS on 127.0.0.1, without an API server: in-memory session
 * storage, generated keys, fake upstream providers, a clock that tests move, and every audit line
 * kept. Requests carry the issuer's host in {@code Host}. Real providers may be offered too.
 */
public final class IssuerHarness implements AutoCloseable {
  public static final String ISSUER_HOST = "issuer.example.com";
  public static final String ISSUER = "https://" + ISSUER_HOST + "/fd";
  public static final String CLI_REDIRECT = "http://127.0.0.1:12345/callback";
  public static final CodeVerifier VERIFIER =
      new CodeVerifier("verifier-verifier-verifier-verifier-verifier-1234");
  public static final String CHALLENGE =
      CodeChallenge.compute(CodeChallengeMethod.S256, VERIFIER).getValue();

  public final MutableClock clock = new MutableClock(Instant.now());
  public final UpstreamRegistry registry = new UpstreamRegistry();
  public final KeyCache keys = new KeyCache();
  public final SessionStorage storage;
  public final List<String> auditLines = new CopyOnWriteArrayList<>();
  public final FederationDomainIssuer issuer;

  private final Vertx vertx = Vertx.vertx();
  private final SupervisorHttpsServer server;
  private final HttpClient http;
  private final CertificateAuthority ca;
  private final String issuerHost;
  private final int port;

  /**
   * @param loopbackPort when not 0, the issuer is {@code https://127.0.0.1:<port>/fd} on that port
   *     (for a browser, which cannot set {@code Host}); else {@value #ISSUER} on any free port
   */
  private IssuerHarness(
      List<UpstreamIdentityProvider> providers,
      boolean legacy,
      int loopbackPort,
      IdentityTransforms transforms,
      boolean logPersonalInfo,
      ClientRegistry clients) {
    SecureRandom random = new SecureRandom();
    ObjectMapper json = new ObjectMapper();
    storage = SessionStorage.inMemory(clock, StorageSchema.objectMapper());
    Map<IdentityProviderKind, List<UpstreamIdentityProvider>> byKind = new LinkedHashMap<>();
    for (UpstreamIdentityProvider provider : providers) {
      byKind.computeIfAbsent(provider.ref().kind(), kind -> new ArrayList<>()).add(provider);
    }
    byKind.forEach(registry::setProviders);
    List<OfferedIdentityProvider> offered = new ArrayList<>();
    for (UpstreamIdentityProvider provider : providers) {
      offered.add(
          new OfferedIdentityProvider(
              legacy ? provider.ref().name() : "display-" + provider.ref().name(),
              provider.ref().kind(),
              provider.ref().name(),
              provider.ref().uid(),
              provider.flows(),
              transforms));
    }
    issuerHost = loopbackPort == 0 ? ISSUER_HOST : "127.0.0.1:" + loopbackPort;
    Key federationDomain = Key.namespaced("supervisor", "fd");
    try {
      issuer =
          new FederationDomainIssuer(
              federationDomain,
              IssuerUrl.parse("https://" + issuerHost + "/fd"),
              null,
              offered,
              legacy ? offered.get(0) : null);
    } catch (InvalidIssuerException e) {
      throw new IllegalStateException(e);
    }
    JwksSecretKind jwks = new JwksSecretKind();
    keys.update(federationDomain, current -> jwks.publish(current, jwks.generate(random)));
    for (SymmetricKeySecretKind kind : SymmetricKeySecretKind.values()) {
      keys.update(federationDomain, current -> kind.publish(current, kind.generate(random)));
    }
    byte[] csrfKey = new byte[SymmetricKey.SIZE];
    random.nextBytes(csrfKey);
    keys.setCsrfCookieKey(new SymmetricKey(csrfKey));

    AuditLog audit = new AuditLog(auditLines::add, clock, json, logPersonalInfo);
    IssuerRouter router =
        new IssuerRouter(
            new IssuerEndpoints(
                EndpointServices.create(
                    keys, registry, storage, audit, clock, random, json, clients),
                json));
    router.setFederationDomains(List.of(issuer));

    ca = CertificateAuthority.create("harness-ca", Duration.ofDays(1), clock, random);
    IssuedCertificate certificate =
        ca.issueServingCertificate(
            ISSUER_HOST,
            List.of(ISSUER_HOST),
            List.of(InetAddress.getLoopbackAddress()),
            Duration.ofHours(12));
    SniKeyManager certificates = new SniKeyManager(certificate);
    certificates.set(Map.of(), certificate);
    server =
        new SupervisorHttpsServer(
            vertx,
            router,
            certificates,
            TlsProfile.DEFAULT,
            "127.0.0.1",
            loopbackPort,
            () -> UUID.randomUUID().toString(),
            audit);
    port = server.start();
    http = IssuerTls.httpClientTrusting(ca);
  }

  /** An issuer offering these providers under {@code display-<name>}. */
  public static IssuerHarness start(UpstreamIdentityProvider... providers) {
    return new IssuerHarness(
        List.of(providers),
        false,
        0,
        IdentityTransforms.none(),
        false,
        ClientRegistry.pinnipedCliOnly());
  }

  /** An issuer with these clients, offering these providers under {@code display-<name>}. */
  public static IssuerHarness start(ClientRegistry clients, UpstreamIdentityProvider... providers) {
    return new IssuerHarness(
        List.of(providers), false, 0, IdentityTransforms.none(), false, clients);
  }

  /**
   * An issuer offering these providers under {@code display-<name>}, each with these identity
   * transformations.
   */
  public static IssuerHarness startWithTransforms(
      IdentityTransforms transforms, UpstreamIdentityProvider... providers) {
    return new IssuerHarness(
        List.of(providers), false, 0, transforms, false, ClientRegistry.pinnipedCliOnly());
  }

  /**
   * An issuer offering these providers under {@code display-<name>}, whose audit events show
   * usernames and groups ({@code audit.logUsernamesAndGroups: enabled}).
   */
  public static IssuerHarness startLoggingPersonalInfo(UpstreamIdentityProvider... providers) {
    return new IssuerHarness(
        List.of(providers),
        false,
        0,
        IdentityTransforms.none(),
        true,
        ClientRegistry.pinnipedCliOnly());
  }

  /** An issuer in legacy mode: its only provider, under its resource name. */
  public static IssuerHarness startLegacy(UpstreamIdentityProvider provider) {
    return new IssuerHarness(
        List.of(provider),
        true,
        0,
        IdentityTransforms.none(),
        false,
        ClientRegistry.pinnipedCliOnly());
  }

  /**
   * An issuer at {@code https://127.0.0.1:<port>/fd} offering these providers under {@code
   * display-<name>}: for a browser, which reaches it by that address.
   */
  public static IssuerHarness startOnLoopback(UpstreamIdentityProvider... providers) {
    return new IssuerHarness(
        List.of(providers),
        false,
        LoopbackPorts.allocate(1).get(0),
        IdentityTransforms.none(),
        false,
        ClientRegistry.pinnipedCliOnly());
  }

  /** The issuer URL. */
  public String issuerUrl() {
    return issuer.issuer();
  }

  /** The CA of the issuer's serving certificate, PEM. */
  public String caPem() {
    return ca.certificatePem();
  }

  /** GET {@code <issuer path><pathAndQuery>}, with header name/value pairs. */
  public HttpResponse<String> get(String pathAndQuery, String... headers) {
    return send("GET", pathAndQuery, HttpRequest.BodyPublishers.noBody(), headers);
  }

  /** POST a form to {@code <issuer path><path>}. */
  public HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/x-www-form-urlencoded";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return send("POST", path, HttpRequest.BodyPublishers.ofString(encode(form)), all);
  }

  public HttpResponse<String> send(
      String method, String pathAndQuery, HttpRequest.BodyPublisher body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/fd" + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .header("Host", issuerHost)
            .method(method, body);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A form or query, in order. */
  public static String encode(Map<String, String> parameters) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    parameters.forEach((name, value) -> multi.put(name, List.of(value)));
    return FormEncoding.encode(multi);
  }

  /** The parameters of a valid browser authorization request of {@code pinniped-cli}. */
  public static Map<String, String> authorizeParameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("client_id", "pinniped-cli");
    parameters.put("redirect_uri", CLI_REDIRECT);
    parameters.put("response_type", "code");
    parameters.put("scope", "openid offline_access pinniped:request-audience username groups");
    parameters.put("state", "client-state-123456");
    parameters.put("nonce", "client-nonce-123456");
    parameters.put("code_challenge", CHALLENGE);
    parameters.put("code_challenge_method", "S256");
    return parameters;
  }

  /** {@code base} with {@code changes} (name, value, ...) applied. */
  public static Map<String, String> with(Map<String, String> base, String... changes) {
    Map<String, String> result = new LinkedHashMap<>(base);
    for (int i = 0; i + 1 < changes.length; i += 2) {
      result.put(changes[i], changes[i + 1]);
    }
    return result;
  }

  /** {@code base} without the parameter {@code name}. */
  public static Map<String, String> without(Map<String, String> base, String name) {
    Map<String, String> result = new LinkedHashMap<>(base);
    result.remove(name);
    return result;
  }

  /** The query parameters of a URL, first values. */
  public static Map<String, String> query(String url) {
    URI uri = URI.create(url);
    Map<String, String> parameters = new LinkedHashMap<>();
    FormEncoding.decode(uri.getRawQuery() == null ? "" : uri.getRawQuery())
        .forEach((name, values) -> parameters.put(name, values.get(0)));
    return parameters;
  }

  /** The value of {@code name} in {@code parameters}; fails the test when absent. */
  public static String required(Map<String, String> parameters, String name) {
    String value = parameters.get(name);
    if (value == null) {
      throw new AssertionError("no " + name + " in " + parameters.keySet());
    }
    return value;
  }

  /** The audit lines of one request, parsed. */
  public List<JsonNode> auditEventsOf(String auditId) {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String line : auditLines) {
      try {
        JsonNode event = json.readTree(line);
        if (auditId.equals(event.path("auditID").asText())) {
          events.add(event);
        }
      } catch (IOException e) {
        throw new AssertionError("an audit line is not JSON: " + line, e);
      }
    }
    return events;
  }

  public String jwks() {
    return get("/jwks.json").body();
  }

  @Override
  public void close() {
    server.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the test is over
    }
  }
}

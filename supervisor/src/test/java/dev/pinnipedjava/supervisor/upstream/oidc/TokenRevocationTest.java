package dev.pinnipedjava.supervisor.upstream.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.sun.net.httpserver.HttpServer;
import dev.pinnipedjava.supervisor.endpoint.FormEncoding;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.session.OidcUpstreamSession;
import dev.pinnipedjava.supervisor.upstream.RevocationResult;
import dev.pinnipedjava.supervisor.upstream.UpstreamRef;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsTrust;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 7009 revocation of an OIDC login's upstream token against a loopback revocation endpoint that
 * answers what each case scripts: which requests are sent (token, hint, client authentication) and
 * what the outcome is.
 */
class TokenRevocationTest {
  private static final String BASIC =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("upstream-client:upstream-secret".getBytes(StandardCharsets.UTF_8));

  /** One request the endpoint received. */
  record Received(Map<String, List<String>> form, @Nullable String authorization) {}

  /** One scripted answer. */
  record Answer(int status, String body) {}

  record Case(
      String name,
      OidcUpstreamSession session,
      List<Answer> answers,
      RevocationResult want,
      List<String> wantHints,
      List<Boolean> wantBasicAuth) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final OidcUpstreamSession WITH_REFRESH_TOKEN =
      new OidcUpstreamSession("upstream-refresh-token", null, "sub", "https://upstream");
  private static final OidcUpstreamSession WITH_ACCESS_TOKEN =
      new OidcUpstreamSession(null, "upstream-access-token", "sub", "https://upstream");

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "refresh token revoked",
            WITH_REFRESH_TOKEN,
            List.of(new Answer(200, "")),
            new RevocationResult.Revoked(List.of("refresh_token")),
            List.of("refresh_token"),
            List.of(false)),
        new Case(
            "access token revoked",
            WITH_ACCESS_TOKEN,
            List.of(new Answer(200, "")),
            new RevocationResult.Revoked(List.of("access_token")),
            List.of("access_token"),
            List.of(false)),
        new Case(
            "invalid_client with form credentials: retried with HTTP Basic",
            WITH_REFRESH_TOKEN,
            List.of(new Answer(400, "{\"error\":\"invalid_client\"}"), new Answer(200, "")),
            new RevocationResult.Revoked(List.of("refresh_token")),
            List.of("refresh_token", "refresh_token"),
            List.of(false, true)),
        new Case(
            "invalid_client both ways: final",
            WITH_REFRESH_TOKEN,
            List.of(
                new Answer(400, "{\"error\":\"invalid_client\"}"),
                new Answer(400, "{\"error\":\"invalid_client\"}")),
            new RevocationResult.Failed(
                "server responded with status 400 and error invalid_client", false),
            List.of("refresh_token", "refresh_token"),
            List.of(false, true)),
        new Case(
            "unsupported token type: final",
            WITH_REFRESH_TOKEN,
            List.of(new Answer(400, "{\"error\":\"unsupported_token_type\"}")),
            new RevocationResult.Failed(
                "server responded with status 400 and error unsupported_token_type", false),
            List.of("refresh_token"),
            List.of(false)),
        new Case(
            "unavailable: worth retrying",
            WITH_REFRESH_TOKEN,
            List.of(new Answer(503, "")),
            new RevocationResult.Failed("server responded with status 503", true),
            List.of("refresh_token"),
            List.of(false)),
        new Case(
            "unauthorized: final",
            WITH_REFRESH_TOKEN,
            List.of(new Answer(401, "")),
            new RevocationResult.Failed("server responded with status 401", false),
            List.of("refresh_token"),
            List.of(false)));
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Answer> answers = new ArrayDeque<>();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/revoke",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              new Received(
                  FormEncoding.decode(body),
                  exchange.getRequestHeaders().getFirst("Authorization")));
          Answer answer;
          synchronized (answers) {
            answer = answers.isEmpty() ? new Answer(500, "") : answers.removeFirst();
          }
          byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
          if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void revokesAsPinniped(Case c) {
    answers.addAll(c.answers());

    RevocationResult result = provider(revocationEndpoint()).revokeTokens(c.session());

    assertThat(result).isEqualTo(c.want());
    List<String> hints = new ArrayList<>();
    List<Boolean> basic = new ArrayList<>();
    for (Received request : received) {
      hints.add(request.form().getOrDefault("token_type_hint", List.of("none")).get(0));
      assertThat(request.form().getOrDefault("token", List.of("none")).get(0))
          .isEqualTo(
              c.session().refreshToken() != null
                  ? c.session().refreshToken()
                  : c.session().accessToken());
      boolean usedBasic = request.authorization() != null;
      basic.add(usedBasic);
      if (usedBasic) {
        assertThat(request.authorization()).isEqualTo(BASIC);
        assertThat(request.form()).doesNotContainKeys("client_id", "client_secret");
      } else {
        assertThat(request.form().get("client_id")).containsExactly("upstream-client");
        assertThat(request.form().get("client_secret")).containsExactly("upstream-secret");
      }
    }
    assertThat(hints).containsExactlyElementsOf(c.wantHints());
    assertThat(basic).containsExactlyElementsOf(c.wantBasicAuth());
  }

  @Test
  void withoutARevocationEndpointNothingIsSent() {
    RevocationResult result = provider(null).revokeTokens(WITH_REFRESH_TOKEN);

    assertThat(result).isEqualTo(RevocationResult.nothingToRevoke());
    assertThat(received).isEmpty();
  }

  @Test
  void anUnreachableEndpointIsWorthRetrying() {
    URI endpoint = revocationEndpoint();
    server.stop(0);

    RevocationResult result = provider(endpoint).revokeTokens(WITH_REFRESH_TOKEN);

    assertThat(result).isInstanceOf(RevocationResult.Failed.class);
    assertThat(((RevocationResult.Failed) result).retryable()).isTrue();
    assertThat(((RevocationResult.Failed) result).reason()).doesNotContain("upstream-refresh");
  }

  private URI revocationEndpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/revoke");
  }

  private static OidcUpstreamProvider provider(@Nullable URI revocationEndpoint) {
    OIDCProviderMetadata metadata =
        new OIDCProviderMetadata(
            new Issuer("https://upstream"),
            List.of(SubjectType.PUBLIC),
            URI.create("https://upstream/keys"));
    metadata.setRevocationEndpointURI(revocationEndpoint);
    return new OidcUpstreamProvider(
        new UpstreamRef(IdentityProviderKind.OIDC, "okta", "okta-uid"),
        new ClientID("upstream-client"),
        new Secret("upstream-secret"),
        List.of("openid"),
        Map.of(),
        new OidcClaimsMapping(null, null, Map.of()),
        false,
        new OidcDiscovery.Discovered(
            metadata,
            new UpstreamHttp(UpstreamTlsTrust.system()),
            new ImmutableJWKSet<>(new JWKSet())));
  }
}

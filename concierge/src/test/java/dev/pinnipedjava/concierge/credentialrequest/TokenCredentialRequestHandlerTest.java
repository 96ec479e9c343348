package dev.pinnipedjava.concierge.credentialrequest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;
import dev.pinnipedjava.aggregatedapi.apiserver.ApiError;
import dev.pinnipedjava.aggregatedapi.apiserver.CreateContext;
import dev.pinnipedjava.aggregatedapi.apiserver.CreateOutcome;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import dev.pinnipedjava.api.concierge.login.v1alpha1.ClusterCredential;
import dev.pinnipedjava.api.concierge.login.v1alpha1.TokenCredentialRequest;
import dev.pinnipedjava.api.concierge.login.v1alpha1.TokenCredentialRequestSpec;
import dev.pinnipedjava.api.concierge.login.v1alpha1.TokenCredentialRequestStatus;
import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import dev.pinnipedjava.api.reference.TypedLocalObjectReference;
import dev.pinnipedjava.concierge.audit.AuditLogger;
import dev.pinnipedjava.concierge.authenticator.AuthenticationResult;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorCache;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorKey;
import dev.pinnipedjava.concierge.certissuer.CertificateAuthorityIssuer;
import dev.pinnipedjava.concierge.certissuer.ClientCertificateIssuer;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.Pem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TokenCredentialRequestHandlerTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ApiResource RESOURCE =
      TokenCredentialRequestResource.of(ApiGroupSuffix.DEFAULT);
  private static final String TOKEN = "the-token";
  private static final TypedLocalObjectReference AUTHENTICATOR =
      new TypedLocalObjectReference(
          "authentication.concierge.pinniped.dev", "JWTAuthenticator", "jwt");
  private static final CertificateAuthority CLIENT_CA =
      CertificateAuthority.create("client-ca", Duration.ofDays(1), CLOCK, new SecureRandom());

  /** A fake authenticator's answer, the issuer available, and what must be audited. */
  record Case(
      String name,
      @Nullable AuthenticationResult authenticatorSays,
      Optional<ClientCertificateIssuer> issuer,
      String wantEvent,
      String wantErr) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> failures() {
    Optional<ClientCertificateIssuer> issuer =
        Optional.of(new CertificateAuthorityIssuer(CLIENT_CA));
    return Stream.of(
        new Case(
            "token rejected",
            new AuthenticationResult.Rejected("token expired"),
            issuer,
            "TokenCredentialRequest Authentication Failed",
            "token expired"),
        new Case(
            "authenticator failed",
            new AuthenticationResult.Failed("cannot fetch keys"),
            issuer,
            "TokenCredentialRequest Unexpected Error",
            "cannot fetch keys"),
        new Case(
            "no such authenticator",
            null,
            issuer,
            "TokenCredentialRequest Unexpected Error",
            "no such authenticator"),
        new Case(
            "user with a UID",
            new AuthenticationResult.Authenticated(
                new KubernetesUser("pat", "uid-1", List.of(), Map.of())),
            issuer,
            "TokenCredentialRequest Unsupported UserInfo",
            "UIDs are not supported"),
        new Case(
            "user with extras",
            new AuthenticationResult.Authenticated(
                new KubernetesUser("pat", "", List.of(), Map.of("k", List.of("v")))),
            issuer,
            "TokenCredentialRequest Unsupported UserInfo",
            "extras are not supported"),
        new Case(
            "extras besides the credential ID",
            new AuthenticationResult.Authenticated(
                new KubernetesUser(
                    "pat",
                    "",
                    List.of(),
                    Map.of(
                        "authentication.kubernetes.io/credential-id",
                        List.of("X509SHA256=ab"),
                        "k",
                        List.of("v")))),
            issuer,
            "TokenCredentialRequest Unsupported UserInfo",
            "extras are not supported"),
        new Case(
            "no signer configured",
            new AuthenticationResult.Authenticated(KubernetesUser.of("pat", List.of())),
            Optional.empty(),
            "TokenCredentialRequest Unexpected Error",
            "no client certificate signer is configured"),
        new Case(
            "signer fails",
            new AuthenticationResult.Authenticated(KubernetesUser.of("pat", List.of())),
            Optional.of(
                (username, groups, validity) -> {
                  throw new IllegalStateException("HSM unplugged");
                }),
            "TokenCredentialRequest Unexpected Error",
            "HSM unplugged"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void everyFailureGetsTheSameAnswer(Case testCase) throws Exception {
    List<String> audit = new ArrayList<>();
    AuthenticatorCache cache = new AuthenticatorCache();
    AuthenticationResult says = testCase.authenticatorSays();
    if (says != null) {
      cache.put(
          new AuthenticatorKey("authentication.concierge.pinniped.dev", "JWTAuthenticator", "jwt"),
          token -> says);
    }
    TokenCredentialRequestHandler handler =
        new TokenCredentialRequestHandler(
            RESOURCE, cache, testCase::issuer, new AuditLogger(audit::add, CLOCK, false, JSON));

    CreateOutcome outcome = handler.create(request(TOKEN), context());

    assertThat(status(outcome))
        .isEqualTo(new TokenCredentialRequestStatus(null, "authentication failed"));
    assertThat(audit).hasSize(2);
    JsonNode received = JSON.readTree(audit.get(0));
    assertThat(received.path("message").asText())
        .isEqualTo("TokenCredentialRequest Token Received");
    assertThat(received.path("tokenID").asText()).isEqualTo(sha256(TOKEN));
    JsonNode failed = JSON.readTree(audit.get(1));
    assertThat(failed.path("message").asText()).isEqualTo(testCase.wantEvent());
    assertThat(failed.path("err").asText()).isEqualTo(testCase.wantErr());
    assertThat(failed.path("auditID").asText()).isEqualTo("audit-1");
    assertThat(failed.path("authenticator").toString())
        .isEqualTo(
            "{\"apiGroup\":\"authentication.concierge.pinniped.dev\",\"kind\":\"JWTAuthenticator\",\"name\":\"jwt\"}");
    assertThat(String.join("\n", audit)).doesNotContain(TOKEN).doesNotContain("pat\"");
  }

  @Test
  void validTokenGetsAFiveMinuteCertificateForTheUser() throws Exception {
    List<String> audit = new ArrayList<>();
    AuthenticatorCache cache = new AuthenticatorCache();
    cache.put(
        new AuthenticatorKey("authentication.concierge.pinniped.dev", "JWTAuthenticator", "jwt"),
        token ->
            new AuthenticationResult.Authenticated(
                KubernetesUser.of("pat", List.of("devs", "ops"))));
    TokenCredentialRequestHandler handler =
        new TokenCredentialRequestHandler(
            RESOURCE,
            cache,
            () -> Optional.of(new CertificateAuthorityIssuer(CLIENT_CA)),
            new AuditLogger(audit::add, CLOCK, false, JSON));

    CreateOutcome outcome = handler.create(request(TOKEN), context());

    TokenCredentialRequest response =
        (TokenCredentialRequest) ((CreateOutcome.Created) outcome).object();
    assertThat(response.getApiVersion()).isEqualTo("login.concierge.pinniped.dev/v1alpha1");
    ClusterCredential credential =
        Objects.requireNonNull(Objects.requireNonNull(response.getStatus()).credential());
    X509Certificate certificate =
        Pem.decodeCertificate(Objects.requireNonNull(credential.clientCertificateData()));
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=pat,O=ops,O=devs");
    assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(certificate.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
    assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(
            ((ECPublicKey) certificate.getPublicKey())
                .getParams()
                .getCurve()
                .getField()
                .getFieldSize())
        .isEqualTo(256);
    certificate.verify(CLIENT_CA.certificate().getPublicKey());
    assertThat(credential.expirationTimestamp()).isEqualTo("2026-05-01T10:05:00Z");
    assertThat(credential.token()).isNull();
    assertThat(
            Pem.decodePrivateKey(Objects.requireNonNull(credential.clientKeyData())).getAlgorithm())
        .isEqualTo("EC");

    JsonNode authenticated = JSON.readTree(audit.get(1));
    assertThat(authenticated.path("message").asText())
        .isEqualTo("TokenCredentialRequest Authenticated User");
    assertThat(authenticated.path("issuedClientCertExpires").asText())
        .isEqualTo("2026-05-01T10:05:00Z");
    assertThat(authenticated.path("personalInfo").toString())
        .isEqualTo("{\"username\":\"redacted\",\"groups\":[\"redacted 2 values\"]}");
  }

  @Test
  void theCredentialIdExtraIsDroppedNotRefused() {
    AuthenticatorCache cache = new AuthenticatorCache();
    cache.put(
        new AuthenticatorKey("authentication.concierge.pinniped.dev", "JWTAuthenticator", "jwt"),
        token ->
            new AuthenticationResult.Authenticated(
                new KubernetesUser(
                    "pat",
                    "",
                    List.of("devs"),
                    Map.of("authentication.kubernetes.io/credential-id", List.of("JTI=1")))));
    TokenCredentialRequestHandler handler =
        new TokenCredentialRequestHandler(
            RESOURCE,
            cache,
            () -> Optional.of(new CertificateAuthorityIssuer(CLIENT_CA)),
            new AuditLogger(line -> {}, CLOCK, false, JSON));

    TokenCredentialRequestStatus status =
        Objects.requireNonNull(status(handler.create(request(TOKEN), context())));

    ClusterCredential credential = Objects.requireNonNull(status.credential());
    assertThat(
            Pem.decodeCertificate(Objects.requireNonNull(credential.clientCertificateData()))
                .getSubjectX500Principal()
                .getName())
        .isEqualTo("CN=pat,O=devs");
  }

  @Test
  void missingTokenIsInvalidAndNotAudited() {
    List<String> audit = new ArrayList<>();
    TokenCredentialRequestHandler handler =
        new TokenCredentialRequestHandler(
            RESOURCE,
            new AuthenticatorCache(),
            Optional::empty,
            new AuditLogger(audit::add, CLOCK, false, JSON));

    CreateOutcome outcome = handler.create(request(""), context());

    ApiError error = ((CreateOutcome.Failed) outcome).error();
    assertThat(error.code()).isEqualTo(422);
    assertThat(error.message())
        .isEqualTo(
            "TokenCredentialRequest.login.concierge.pinniped.dev \"\" is invalid: spec.token.value: Required value: token must be supplied");
    assertThat(audit).isEmpty();
  }

  private static TokenCredentialRequest request(String token) {
    TokenCredentialRequest request = new TokenCredentialRequest();
    request.setSpec(new TokenCredentialRequestSpec(token, AUTHENTICATOR));
    return request;
  }

  private static CreateContext context() {
    return new CreateContext(KubernetesUser.ANONYMOUS, List.of(), "audit-1", "127.0.0.1");
  }

  private static @Nullable TokenCredentialRequestStatus status(CreateOutcome outcome) {
    return ((TokenCredentialRequest) ((CreateOutcome.Created) outcome).object()).getStatus();
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}

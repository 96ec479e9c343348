package dev.pinnipedjava.concierge.credentialrequest;

import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;
import dev.pinnipedjava.aggregatedapi.apiserver.ApiError;
import dev.pinnipedjava.aggregatedapi.apiserver.CreateContext;
import dev.pinnipedjava.aggregatedapi.apiserver.CreateHandler;
import dev.pinnipedjava.aggregatedapi.apiserver.CreateOutcome;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import dev.pinnipedjava.api.concierge.login.v1alpha1.ClusterCredential;
import dev.pinnipedjava.api.concierge.login.v1alpha1.TokenCredentialRequest;
import dev.pinnipedjava.api.concierge.login.v1alpha1.TokenCredentialRequestSpec;
import dev.pinnipedjava.api.concierge.login.v1alpha1.TokenCredentialRequestStatus;
import dev.pinnipedjava.api.reference.TypedLocalObjectReference;
import dev.pinnipedjava.concierge.audit.AuditEvent;
import dev.pinnipedjava.concierge.audit.AuditLogger;
import dev.pinnipedjava.concierge.authenticator.AuthenticationResult;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorCache;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorKey;
import dev.pinnipedjava.concierge.authenticator.TokenAuthenticator;
import dev.pinnipedjava.concierge.certissuer.ClientCertificateIssuer;
import dev.pinnipedjava.pki.IssuedCertificate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Creates TokenCredentialRequests: validates the token with the named authenticator and, when it is
 * valid, answers with a five-minute client certificate for the user it names. Every failure past
 * request validation gets the same answer, {@code status.message: "authentication failed"}, so a
 * client learns nothing about why; the reason goes to the audit log, which identifies the token
 * only by its SHA-256.
 */
public final class TokenCredentialRequestHandler implements CreateHandler<TokenCredentialRequest> {
  /** How long issued client certificates are valid, as in Pinniped. */
  public static final Duration CLIENT_CERTIFICATE_TTL = Duration.ofMinutes(5);

  /** The extra key Kubernetes sets to identify the credential a user authenticated with. */
  static final String CREDENTIAL_ID_EXTRA = "authentication.kubernetes.io/credential-id";

  /** The only failure message clients ever see. */
  public static final String AUTHENTICATION_FAILED = "authentication failed";

  private final ApiResource resource;

  private final AuthenticatorCache authenticators;
  private final Supplier<Optional<ClientCertificateIssuer>> issuer;
  private final AuditLogger audit;

  /**
   * @param issuer the signer of client certificates at the time of each request; when there is none
   *     the exchange fails (and says why in the audit log)
   */
  public TokenCredentialRequestHandler(
      ApiResource resource,
      AuthenticatorCache authenticators,
      Supplier<Optional<ClientCertificateIssuer>> issuer,
      AuditLogger audit) {
    this.resource = resource;
    this.authenticators = authenticators;
    this.issuer = issuer;
    this.audit = audit;
  }

  @Override
  public ApiResource resource() {
    return resource;
  }

  @Override
  public Class<TokenCredentialRequest> objectType() {
    return TokenCredentialRequest.class;
  }

  @Override
  public CreateOutcome create(TokenCredentialRequest request, CreateContext context) {
    TokenCredentialRequestSpec spec = request.getSpec();
    String token = spec == null ? null : spec.token();
    String name = request.getMetadata().getName() == null ? "" : request.getMetadata().getName();
    if (spec == null || token == null || token.isEmpty()) {
      return new CreateOutcome.Failed(
          ApiError.invalid(
              resource,
              name,
              List.of(
                  new ApiError.Cause(
                      "FieldValueRequired",
                      "spec.token.value",
                      "Required value: token must be supplied"))));
    }
    if (!context.dryRunCauses().isEmpty()) {
      return new CreateOutcome.Failed(ApiError.invalid(resource, name, context.dryRunCauses()));
    }

    String auditId = context.auditId();
    // Lets the token be matched with the Supervisor's audit log without logging it.
    audit.log(
        AuditEvent.TOKEN_CREDENTIAL_REQUEST_TOKEN_RECEIVED,
        auditId,
        ordered("tokenID", sha256(token)),
        Map.of());

    AuthenticatorKey key = key(spec.authenticator());
    Map<String, Object> authenticatorField = authenticatorField(key);
    Optional<TokenAuthenticator> authenticator = authenticators.get(key);
    if (authenticator.isEmpty()) {
      return failed(
          AuditEvent.TOKEN_CREDENTIAL_REQUEST_UNEXPECTED_ERROR,
          auditId,
          ordered(
              "reason", "authenticator returned an error",
              "err", "no such authenticator",
              "authenticator", authenticatorField),
          Map.of());
    }

    AuthenticationResult result = authenticator.get().authenticate(token);
    if (result instanceof AuthenticationResult.Failed failed) {
      return failed(
          AuditEvent.TOKEN_CREDENTIAL_REQUEST_UNEXPECTED_ERROR,
          auditId,
          ordered(
              "reason",
              "authenticator returned an error",
              "err",
              failed.reason(),
              "authenticator",
              authenticatorField),
          Map.of());
    }
    if (result instanceof AuthenticationResult.Rejected rejected) {
      return failed(
          AuditEvent.TOKEN_CREDENTIAL_REQUEST_AUTHENTICATION_FAILED,
          auditId,
          ordered(
              "reason",
              "auth rejected by authenticator",
              "err",
              rejected.reason(),
              "authenticator",
              authenticatorField),
          Map.of());
    }
    KubernetesUser user = ((AuthenticationResult.Authenticated) result).user();

    String unsupported = unsupportedUserInfo(user);
    if (unsupported != null) {
      return failed(
          AuditEvent.TOKEN_CREDENTIAL_REQUEST_UNSUPPORTED_USER_INFO,
          auditId,
          ordered(
              "userInfoExtrasCount",
              user.extra().size(),
              "reason",
              "unsupported value in userInfo returned by authenticator",
              "err",
              unsupported,
              "authenticator",
              authenticatorField),
          ordered("userInfoName", user.name(), "userInfoUID", user.uid()));
    }

    Optional<ClientCertificateIssuer> signer = issuer.get();
    if (signer.isEmpty()) {
      return failed(
          AuditEvent.TOKEN_CREDENTIAL_REQUEST_UNEXPECTED_ERROR,
          auditId,
          ordered(
              "reason", "cert issuer returned an error",
              "err", "no client certificate signer is configured",
              "authenticator", authenticatorField),
          Map.of());
    }
    IssuedCertificate certificate;
    try {
      certificate = signer.get().issue(user.name(), user.groups(), CLIENT_CERTIFICATE_TTL);
    } catch (RuntimeException e) {
      return failed(
          AuditEvent.TOKEN_CREDENTIAL_REQUEST_UNEXPECTED_ERROR,
          auditId,
          ordered(
              "reason",
              "cert issuer returned an error",
              "err",
              String.valueOf(e.getMessage()),
              "authenticator",
              authenticatorField),
          Map.of());
    }

    String expires =
        DateTimeFormatter.ISO_INSTANT.format(
            certificate.certificate().getNotAfter().toInstant().truncatedTo(ChronoUnit.SECONDS));
    audit.log(
        AuditEvent.TOKEN_CREDENTIAL_REQUEST_AUTHENTICATED_USER,
        auditId,
        ordered("issuedClientCertExpires", expires, "authenticator", authenticatorField),
        ordered("username", user.name(), "groups", user.groups()));
    return new CreateOutcome.Created(
        response(
            new TokenCredentialRequestStatus(
                new ClusterCredential(
                    expires, null, certificate.certificatePem(), certificate.privateKeyPem()),
                null)));
  }

  private CreateOutcome failed(
      AuditEvent event, String auditId, Map<String, ?> fields, Map<String, ?> personalInfo) {
    audit.log(event, auditId, fields, personalInfo);
    return new CreateOutcome.Created(
        response(new TokenCredentialRequestStatus(null, AUTHENTICATION_FAILED)));
  }

  private TokenCredentialRequest response(TokenCredentialRequestStatus status) {
    TokenCredentialRequest response = new TokenCredentialRequest();
    response.setApiVersion(resource.groupVersion().apiVersion());
    response.setKind(resource.kind());
    response.setStatus(status);
    return response;
  }

  /**
   * Why a client certificate cannot carry this user, or null when it can. A certificate asserts
   * neither a UID nor extra attributes; the one extra allowed, as in Pinniped, is the credential ID
   * Kubernetes itself derives from a credential, which the new certificate replaces anyway.
   */
  private static @Nullable String unsupportedUserInfo(KubernetesUser user) {
    if (!user.uid().isEmpty()) {
      return "UIDs are not supported";
    }
    if (user.extra().size() > 1
        || (user.extra().size() == 1 && !user.extra().containsKey(CREDENTIAL_ID_EXTRA))) {
      return "extras are not supported";
    }
    return null;
  }

  private static AuthenticatorKey key(@Nullable TypedLocalObjectReference reference) {
    if (reference == null) {
      return new AuthenticatorKey("", "", "");
    }
    return new AuthenticatorKey(
        nullToEmpty(reference.apiGroup()),
        nullToEmpty(reference.kind()),
        nullToEmpty(reference.name()));
  }

  /** Audit fields in the order given, as alternating keys and values, for readable lines. */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return fields;
  }

  private static Map<String, Object> authenticatorField(AuthenticatorKey key) {
    Map<String, Object> field = new LinkedHashMap<>();
    field.put("apiGroup", key.apiGroup());
    field.put("kind", key.kind());
    field.put("name", key.name());
    return field;
  }

  private static String nullToEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}

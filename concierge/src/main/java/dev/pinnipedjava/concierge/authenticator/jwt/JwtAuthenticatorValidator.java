package dev.pinnipedjava.concierge.authenticator.jwt;

import static dev.pinnipedjava.concierge.authenticator.AuthenticatorConditions.AUTHENTICATOR_VALID;
import static dev.pinnipedjava.concierge.authenticator.AuthenticatorConditions.MESSAGE_UNABLE_TO_VALIDATE;
import static dev.pinnipedjava.concierge.authenticator.AuthenticatorConditions.REASON_SUCCESS;
import static dev.pinnipedjava.concierge.authenticator.AuthenticatorConditions.REASON_UNABLE_TO_VALIDATE;
import static dev.pinnipedjava.concierge.authenticator.jwt.JwtAuthenticatorConditions.DISCOVERY_URL_VALID;
import static dev.pinnipedjava.concierge.authenticator.jwt.JwtAuthenticatorConditions.ISSUER_URL_VALID;
import static dev.pinnipedjava.concierge.authenticator.jwt.JwtAuthenticatorConditions.JWKS_FETCH_VALID;
import static dev.pinnipedjava.concierge.authenticator.jwt.JwtAuthenticatorConditions.JWKS_URL_VALID;
import static dev.pinnipedjava.concierge.authenticator.jwt.JwtAuthenticatorConditions.REASON_COULD_NOT_FETCH_JWKS;
import static dev.pinnipedjava.concierge.authenticator.jwt.JwtAuthenticatorConditions.REASON_INVALID_CLAIM_RULES;
import static dev.pinnipedjava.concierge.authenticator.jwt.JwtAuthenticatorConditions.REASON_INVALID_DISCOVERY_PROBE;
import static dev.pinnipedjava.concierge.authenticator.jwt.JwtAuthenticatorConditions.REASON_INVALID_ISSUER_URL;
import static dev.pinnipedjava.concierge.authenticator.jwt.JwtAuthenticatorConditions.REASON_INVALID_ISSUER_URL_FRAGMENT;
import static dev.pinnipedjava.concierge.authenticator.jwt.JwtAuthenticatorConditions.REASON_INVALID_ISSUER_URL_QUERY;
import static dev.pinnipedjava.concierge.authenticator.jwt.JwtAuthenticatorConditions.REASON_INVALID_ISSUER_URL_SCHEME;
import static dev.pinnipedjava.concierge.authenticator.jwt.JwtAuthenticatorConditions.REASON_INVALID_ISSUER_URL_WELL_KNOWN;
import static dev.pinnipedjava.concierge.authenticator.jwt.JwtAuthenticatorConditions.REASON_INVALID_JWKS_URL;
import static dev.pinnipedjava.concierge.authenticator.jwt.JwtAuthenticatorConditions.REASON_INVALID_JWKS_URL_SCHEME;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTAuthenticatorSpec;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTTokenClaims;
import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorValidation;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorValidator;
import dev.pinnipedjava.concierge.authenticator.CaBundleSources;
import dev.pinnipedjava.concierge.authenticator.StatusConditions.Computed;
import dev.pinnipedjava.concierge.authenticator.TlsConfiguration;
import dev.pinnipedjava.concierge.authenticator.jwt.cel.IdentityRules;
import dev.pinnipedjava.concierge.authenticator.jwt.cel.IdentityRulesCompiler;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks a JWTAuthenticator spec step by step, as Pinniped does, and builds its token verifier: TLS
 * configuration, issuer URL, the CEL rules and expressions (compiled before any network call), OIDC
 * discovery, the JWKS URL, a first JWKS fetch. Each step gives one status condition; a step whose
 * prerequisite failed is Unknown.
 */
final class JwtAuthenticatorValidator
    implements AuthenticatorValidator<JWTAuthenticatorSpec, JwtTokenAuthenticator> {
  /** How long fetched keys are used before they are fetched again. */
  private static final Duration KEYS_TIME_TO_LIVE = Duration.ofMinutes(5);

  /** A token with an unknown key ID triggers a refetch, at most this often (key rotation). */
  private static final Duration KEYS_REFETCH_MIN_INTERVAL = Duration.ofSeconds(10);

  private final Clock clock;
  private final CaBundleSources caBundleSources;
  private final IdentityRulesCompiler compiler;

  JwtAuthenticatorValidator(Clock clock, CaBundleSources caBundleSources) {
    this(clock, caBundleSources, IdentityRulesCompiler.DEFAULT_MAX_RUNTIME);
  }

  /**
   * @param maxExpressionRuntime the most time one CEL expression may run at authentication time
   */
  JwtAuthenticatorValidator(
      Clock clock, CaBundleSources caBundleSources, Duration maxExpressionRuntime) {
    this.clock = clock;
    this.caBundleSources = caBundleSources;
    this.compiler = new IdentityRulesCompiler(maxExpressionRuntime, clock);
  }

  @Override
  public AuthenticatorValidation<JwtTokenAuthenticator> validate(
      @Nullable JWTAuthenticatorSpec spec, @Nullable JwtTokenAuthenticator cached) {
    List<Computed> conditions = new ArrayList<>();
    TlsConfiguration tls =
        TlsConfiguration.check(spec == null ? null : spec.tls(), caBundleSources);
    conditions.add(tls.condition());
    boolean issuerOk = issuer(spec == null ? "" : spec.issuer(), conditions);
    if (spec == null || !tls.ok() || !issuerOk) {
      return remaining(
          conditions, DISCOVERY_URL_VALID, JWKS_URL_VALID, JWKS_FETCH_VALID, AUTHENTICATOR_VALID);
    }
    IdentityRulesCompiler.Compilation compilation = compiler.compile(spec);
    if (compilation instanceof IdentityRulesCompiler.Compilation.Invalid invalid) {
      // The issuer is not probed for a spec that cannot work whatever the issuer says.
      remaining(conditions, DISCOVERY_URL_VALID, JWKS_URL_VALID, JWKS_FETCH_VALID);
      conditions.add(
          failure(
              AUTHENTICATOR_VALID,
              REASON_INVALID_CLAIM_RULES,
              "invalid claim validation rules, claim mappings or user validation rules: "
                  + String.join("; ", invalid.errors())));
      return new AuthenticatorValidation<>(conditions, null, false);
    }
    IdentityRules rules = ((IdentityRulesCompiler.Compilation.Compiled) compilation).rules();
    JWTTokenClaims claims = spec.claims();
    JwtAuthenticatorSettings settings =
        new JwtAuthenticatorSettings(
            spec.issuer(),
            spec.audience(),
            claimOrDefault(
                claims == null ? null : claims.username(),
                JwtAuthenticatorSettings.DEFAULT_USERNAME_CLAIM),
            claimOrDefault(
                claims == null ? null : claims.groups(),
                JwtAuthenticatorSettings.DEFAULT_GROUPS_CLAIM),
            tls.bundle(),
            rules);
    if (cached != null && cached.settings().sameAs(settings)) {
      // Probing again would only risk replacing a working verifier because of a network blip;
      // the probes are there to catch configuration mistakes when the spec changes.
      conditions.add(success(DISCOVERY_URL_VALID, "discovery performed successfully"));
      conditions.add(success(JWKS_URL_VALID, "jwks_uri is a valid URL"));
      conditions.add(success(JWKS_FETCH_VALID, "successfully fetched jwks"));
      conditions.add(success(AUTHENTICATOR_VALID, "authenticator initialized"));
      return new AuthenticatorValidation<>(conditions, cached, false);
    }
    return probe(settings, conditions);
  }

  /** Discovery, the JWKS URL and a first fetch of the keys, then the verifier. */
  private AuthenticatorValidation<JwtTokenAuthenticator> probe(
      JwtAuthenticatorSettings settings, List<Computed> conditions) {
    OidcProviderClient client = new OidcProviderClient(settings.caBundle());
    OidcProviderClient.ProviderMetadata metadata;
    try {
      metadata = client.discover(settings.issuer());
      conditions.add(success(DISCOVERY_URL_VALID, "discovery performed successfully"));
    } catch (IOException | RuntimeException e) {
      conditions.add(
          failure(
              DISCOVERY_URL_VALID,
              REASON_INVALID_DISCOVERY_PROBE,
              "could not perform oidc discovery on provider issuer: " + message(e)));
      return remainingWithRetry(conditions, JWKS_URL_VALID, JWKS_FETCH_VALID, AUTHENTICATOR_VALID);
    }

    URL jwksUrl;
    try {
      URI jwksUri = new URI(metadata.jwksUri());
      if (!"https".equals(jwksUri.getScheme())) {
        conditions.add(
            failure(
                JWKS_URL_VALID,
                REASON_INVALID_JWKS_URL_SCHEME,
                "jwks_uri " + metadata.jwksUri() + " has invalid scheme, require 'https'"));
        return remainingWithRetry(conditions, JWKS_FETCH_VALID, AUTHENTICATOR_VALID);
      }
      jwksUrl = jwksUri.toURL();
      conditions.add(success(JWKS_URL_VALID, "jwks_uri is a valid URL"));
    } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      conditions.add(
          failure(
              JWKS_URL_VALID,
              REASON_INVALID_JWKS_URL,
              "could not parse provider jwks_uri: " + message(e)));
      return remainingWithRetry(conditions, JWKS_FETCH_VALID, AUTHENTICATOR_VALID);
    }

    try {
      client.fetchKeys(jwksUrl);
      conditions.add(success(JWKS_FETCH_VALID, "successfully fetched jwks"));
    } catch (IOException | RuntimeException e) {
      conditions.add(
          failure(
              JWKS_FETCH_VALID,
              REASON_COULD_NOT_FETCH_JWKS,
              "could not fetch keys: " + message(e)));
      return remainingWithRetry(conditions, AUTHENTICATOR_VALID);
    }

    JWKSource<SecurityContext> keys =
        JWKSourceBuilder.<SecurityContext>create(jwksUrl, client.retriever())
            .cache(KEYS_TIME_TO_LIVE.toMillis(), OidcProviderClient.TIMEOUT.toMillis())
            .refreshAheadCache(false)
            .rateLimited(KEYS_REFETCH_MIN_INTERVAL.toMillis())
            .retrying(false)
            .outageTolerant(false)
            .build();
    conditions.add(success(AUTHENTICATOR_VALID, "authenticator initialized"));
    return new AuthenticatorValidation<>(
        conditions, new JwtTokenAuthenticator(settings, keys, clock), false);
  }

  private static boolean issuer(String issuer, List<Computed> conditions) {
    URI uri;
    try {
      uri = new URI(issuer);
    } catch (URISyntaxException e) {
      conditions.add(
          failure(
              ISSUER_URL_VALID,
              REASON_INVALID_ISSUER_URL,
              "spec.issuer URL is invalid: " + e.getMessage()));
      return false;
    }
    String problem = null;
    String reason = null;
    if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
      problem = "spec.issuer " + issuer + " has invalid scheme, require 'https'";
      reason = REASON_INVALID_ISSUER_URL_SCHEME;
    } else if (uri.getPath() != null
        && uri.getPath().endsWith("/.well-known/openid-configuration")) {
      problem =
          "spec.issuer " + issuer + " cannot include path '/.well-known/openid-configuration'";
      reason = REASON_INVALID_ISSUER_URL_WELL_KNOWN;
    } else if (uri.getRawQuery() != null) {
      problem = "spec.issuer " + issuer + " cannot include query params";
      reason = REASON_INVALID_ISSUER_URL_QUERY;
    } else if (uri.getRawFragment() != null) {
      problem = "spec.issuer " + issuer + " cannot include fragment";
      reason = REASON_INVALID_ISSUER_URL_FRAGMENT;
    }
    if (problem != null && reason != null) {
      conditions.add(failure(ISSUER_URL_VALID, reason, problem));
      return false;
    }
    conditions.add(success(ISSUER_URL_VALID, "issuer is a valid URL"));
    return true;
  }

  /** Marks the remaining steps Unknown; a configuration error needs no retry. */
  private static AuthenticatorValidation<JwtTokenAuthenticator> remaining(
      List<Computed> conditions, String... types) {
    for (String type : types) {
      conditions.add(
          new Computed(
              type,
              ConditionStatus.UNKNOWN,
              REASON_UNABLE_TO_VALIDATE,
              MESSAGE_UNABLE_TO_VALIDATE));
    }
    return new AuthenticatorValidation<>(conditions, null, false);
  }

  /** Marks the remaining steps Unknown after a failure the provider may yet fix. */
  private static AuthenticatorValidation<JwtTokenAuthenticator> remainingWithRetry(
      List<Computed> conditions, String... types) {
    return new AuthenticatorValidation<>(remaining(conditions, types).conditions(), null, true);
  }

  private static String claimOrDefault(@Nullable String claim, String fallback) {
    return claim == null || claim.isEmpty() ? fallback : claim;
  }

  private static Computed success(String type, String message) {
    return new Computed(type, ConditionStatus.TRUE, REASON_SUCCESS, message);
  }

  private static Computed failure(String type, String reason, String message) {
    return new Computed(type, ConditionStatus.FALSE, reason, message);
  }

  private static String message(Throwable e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}

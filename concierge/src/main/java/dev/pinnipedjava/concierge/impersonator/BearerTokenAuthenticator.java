package dev.pinnipedjava.concierge.impersonator;

import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import dev.pinnipedjava.concierge.authenticator.AuthenticationResult;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorCache;
import dev.pinnipedjava.concierge.authenticator.AuthenticatorKey;
import dev.pinnipedjava.concierge.authenticator.TokenAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Authenticates the bearer tokens of proxy callers: first with the Concierge's own authenticators
 * (JWTAuthenticators, then WebhookAuthenticators, each in name order), then, as Pinniped's proxy
 * does, by a TokenReview at the kube-apiserver, so that service account tokens work too. A JWT
 * whose issuer a JWTAuthenticator names is judged by that authenticator alone and shown to no
 * webhook. Accepted tokens are remembered for a few seconds by the token's SHA-256, so that a busy
 * client does not cost a webhook call or a TokenReview per request; as in the kube-apiserver's
 * token cache, a token that was not accepted (rejected, or not judged for an error) is not
 * remembered, so that a token becomes usable as soon as an authenticator accepts it.
 */
final class BearerTokenAuthenticator {
  private static final Logger LOG = Logger.getLogger(BearerTokenAuthenticator.class);

  /** How long an accepted token is remembered: the kube-apiserver's token cache lifetime. */
  static final Duration CACHE_TTL = Duration.ofSeconds(10);

  private static final int MAX_CACHED = 4096;

  private final AuthenticatorCache authenticators;
  private final TokenReviewer kubeApiserver;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(KubernetesUser user, Instant until) {}

  BearerTokenAuthenticator(
      AuthenticatorCache authenticators, TokenReviewer kubeApiserver, Clock clock) {
    this.authenticators = authenticators;
    this.kubeApiserver = kubeApiserver;
    this.clock = clock;
  }

  /** The token's user, with {@code system:authenticated}; empty when nothing accepts it. */
  Optional<KubernetesUser> authenticate(String token) {
    String key = sha256(token);
    Instant now = clock.instant();
    Cached cached = cache.get(key);
    if (cached != null && now.isBefore(cached.until())) {
      return Optional.of(cached.user());
    }
    Optional<KubernetesUser> user = lookUp(token).map(KubernetesUser::withAuthenticatedGroup);
    if (user.isEmpty()) {
      cache.remove(key);
      return user;
    }
    if (cache.size() >= MAX_CACHED) {
      cache.values().removeIf(entry -> !now.isBefore(entry.until()));
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
    }
    cache.put(key, new Cached(user.get(), now.plus(CACHE_TTL)));
    return user;
  }

  private Optional<KubernetesUser> lookUp(String token) {
    List<Map.Entry<AuthenticatorKey, TokenAuthenticator>> all = authenticators.all();
    for (Map.Entry<AuthenticatorKey, TokenAuthenticator> entry : all) {
      if (entry.getValue().claims(token)) {
        return user(entry.getKey(), entry.getValue().authenticate(token));
      }
    }
    for (Map.Entry<AuthenticatorKey, TokenAuthenticator> entry : all) {
      Optional<KubernetesUser> user = user(entry.getKey(), entry.getValue().authenticate(token));
      if (user.isPresent()) {
        return user;
      }
    }
    return kubeApiserver.review(token);
  }

  private static Optional<KubernetesUser> user(AuthenticatorKey key, AuthenticationResult result) {
    if (result instanceof AuthenticationResult.Authenticated authenticated) {
      return Optional.of(authenticated.user());
    }
    if (result instanceof AuthenticationResult.Failed failed) {
      LOG.debugf("%s %s could not judge a token: %s", key.kind(), key.name(), failed.reason());
    }
    return Optional.empty();
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

package dev.pinnipedjava.concierge.impersonator;

import dev.pinnipedjava.aggregatedapi.tls.ClientCertificates;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Decides who called the proxy, as Kubernetes' authentication chain does: a client certificate that
 * chains to a trusted CA names the user (CN) and groups (O); otherwise a bearer token is tried; a
 * request with neither is anonymous. A credential that does not authenticate rejects the request
 * even when another one would be absent, as in Kubernetes (an unverifiable certificate alone is a
 * 401, not an anonymous request).
 *
 * <p>Verified certificates are remembered per certificate, so that the many requests of one
 * connection cost one chain validation; the memory is dropped when the trusted CAs change.
 */
final class ProxyAuthenticator {
  private static final int MAX_CACHED = 4096;

  private final Supplier<List<X509Certificate>> trustedCas;
  private final BearerTokenAuthenticator tokens;
  private final Clock clock;
  private final Map<X509Certificate, CachedCertificate> certificates = new ConcurrentHashMap<>();

  private record CachedCertificate(List<X509Certificate> trustedCas, KubernetesUser user) {}

  /**
   * @param trustedCas the CAs of client certificates, read on every request (they change at run
   *     time)
   */
  ProxyAuthenticator(
      Supplier<List<X509Certificate>> trustedCas, BearerTokenAuthenticator tokens, Clock clock) {
    this.trustedCas = trustedCas;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** Whether authenticating {@code authorization} may block on the network. */
  static boolean mayBlock(@Nullable String authorization) {
    return bearerToken(authorization) != null;
  }

  ProxyCaller authenticate(List<X509Certificate> chain, @Nullable String authorization) {
    if (!chain.isEmpty()) {
      Optional<KubernetesUser> user = certificateUser(chain);
      if (user.isPresent()) {
        return new ProxyCaller.Authenticated(user.get());
      }
    }
    String token = bearerToken(authorization);
    if (token != null) {
      Optional<KubernetesUser> user = tokens.authenticate(token);
      return user.isPresent()
          ? new ProxyCaller.Authenticated(user.get())
          : new ProxyCaller.Rejected("the bearer token did not authenticate");
    }
    if (!chain.isEmpty()) {
      return new ProxyCaller.Rejected("the client certificate is not trusted");
    }
    // Like the kube-apiserver, which has no authenticator for other schemes (basic auth), the
    // proxy treats them as no credential.
    return new ProxyCaller.Anonymous();
  }

  private Optional<KubernetesUser> certificateUser(List<X509Certificate> chain) {
    X509Certificate leaf = chain.get(0);
    Instant now = clock.instant();
    List<X509Certificate> cas = trustedCas.get();
    CachedCertificate cached = certificates.get(leaf);
    if (cached != null
        && cached.trustedCas().equals(cas)
        && now.isBefore(leaf.getNotAfter().toInstant())) {
      return Optional.of(cached.user());
    }
    if (ClientCertificates.problem(chain, cas, now) != null) {
      return Optional.empty();
    }
    String name = ClientCertificates.commonName(leaf.getSubjectX500Principal());
    if (name.isEmpty()) {
      return Optional.empty();
    }
    KubernetesUser user =
        KubernetesUser.of(name, ClientCertificates.organizations(leaf.getSubjectX500Principal()))
            .withAuthenticatedGroup();
    if (certificates.size() >= MAX_CACHED) {
      certificates.clear();
    }
    certificates.put(leaf, new CachedCertificate(cas, user));
    return Optional.of(user);
  }

  private static @Nullable String bearerToken(@Nullable String authorization) {
    if (authorization == null) {
      return null;
    }
    String trimmed = authorization.trim();
    int space = trimmed.indexOf(' ');
    if (space < 0 || !trimmed.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
      return null;
    }
    String token = trimmed.substring(space + 1).trim();
    return token.isEmpty() ? null : token;
  }
}

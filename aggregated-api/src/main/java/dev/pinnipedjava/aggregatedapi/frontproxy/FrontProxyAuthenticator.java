package dev.pinnipedjava.aggregatedapi.frontproxy;

import dev.pinnipedjava.aggregatedapi.apiserver.CallerAuthenticator;
import dev.pinnipedjava.aggregatedapi.apiserver.RequestHeaders;
import dev.pinnipedjava.aggregatedapi.tls.ClientCertificates;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates requests the way a Kubernetes aggregated API server authenticates its front proxy.
 *
 * <ul>
 *   <li>No client certificate: the caller is anonymous ({@code system:anonymous}, {@code
 *       system:unauthenticated}).
 *   <li>A client certificate that chains to the front-proxy CA, is valid for client authentication
 *       and has an allowed common name: the caller is the user the {@code X-Remote-*} headers name,
 *       with {@code system:authenticated} added.
 *   <li>Any other client certificate, or a front-proxy certificate without a username header:
 *       rejected (401), as Kubernetes rejects a credential it cannot verify.
 * </ul>
 *
 * <p>Certificates of the cluster's client CA ({@code client-ca-file}) are deliberately not
 * accepted, unlike Kubernetes' delegated authentication: both APIs are open to anonymous callers,
 * so such a certificate would give a direct caller nothing but an echo of its name, and the server
 * trusts one CA fewer.
 */
public final class FrontProxyAuthenticator implements CallerAuthenticator {
  private static final Logger LOG = Logger.getLogger(FrontProxyAuthenticator.class);

  private final Supplier<Optional<RequestHeaderConfig>> config;
  private final Clock clock;

  /**
   * @param config the current front-proxy configuration, read on every request
   */
  public FrontProxyAuthenticator(Supplier<Optional<RequestHeaderConfig>> config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Optional<KubernetesUser> authenticate(
      List<X509Certificate> clientCertificates, RequestHeaders headers) {
    if (clientCertificates.isEmpty()) {
      return Optional.of(KubernetesUser.ANONYMOUS);
    }
    Optional<RequestHeaderConfig> current = config.get();
    if (current.isEmpty()) {
      LOG.debug("client certificate rejected: no front-proxy configuration is known");
      return Optional.empty();
    }
    RequestHeaderConfig frontProxy = current.get();
    X509Certificate leaf = clientCertificates.get(0);
    String problem = verify(clientCertificates, frontProxy);
    if (problem != null) {
      LOG.debugf("client certificate %s rejected: %s", leaf.getSubjectX500Principal(), problem);
      return Optional.empty();
    }
    String name = firstNonEmpty(headers, frontProxy.usernameHeaders());
    if (name == null) {
      LOG.debug("front-proxy request rejected: no username header");
      return Optional.empty();
    }
    String uid = firstNonEmpty(headers, frontProxy.uidHeaders());
    List<String> groups = new ArrayList<>();
    for (String header : frontProxy.groupHeaders()) {
      headers.all(header).stream().filter(value -> !value.isEmpty()).forEach(groups::add);
    }
    return Optional.of(
        new KubernetesUser(
                name,
                uid == null ? "" : uid,
                groups,
                extra(headers, frontProxy.extraHeaderPrefixes()))
            .withAuthenticatedGroup());
  }

  /** Why the chain is not a front-proxy client certificate, or null when it is one. */
  private @Nullable String verify(List<X509Certificate> chain, RequestHeaderConfig frontProxy) {
    String problem =
        ClientCertificates.problem(chain, frontProxy.certificateAuthorities(), clock.instant());
    if (problem != null) {
      return problem;
    }
    if (!frontProxy.allowedNames().isEmpty()) {
      String commonName = ClientCertificates.commonName(chain.get(0).getSubjectX500Principal());
      if (!frontProxy.allowedNames().contains(commonName)) {
        return "common name " + commonName + " is not in requestheader-allowed-names";
      }
    }
    return null;
  }

  private static @Nullable String firstNonEmpty(RequestHeaders headers, List<String> names) {
    for (String name : names) {
      String value = headers.first(name);
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return null;
  }

  /**
   * Extra attributes: the header name after the prefix, lower-cased and percent-decoded, is the
   * key.
   */
  private static Map<String, List<String>> extra(RequestHeaders headers, List<String> prefixes) {
    Map<String, List<String>> extra = new LinkedHashMap<>();
    for (String prefix : prefixes) {
      for (String header : headers.names()) {
        if (header.length() >= prefix.length()
            && header.regionMatches(true, 0, prefix, 0, prefix.length())) {
          String key = unescape(header.substring(prefix.length()).toLowerCase(Locale.ROOT));
          extra.computeIfAbsent(key, k -> new ArrayList<>()).addAll(headers.all(header));
        }
      }
    }
    return extra;
  }

  /** Percent-decodes an extra key; a malformed one is kept as sent, as Kubernetes does. */
  private static String unescape(String key) {
    try {
      // URLDecoder would turn '+' into a space, which path unescaping does not.
      return URLDecoder.decode(key.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return key;
    }
  }
}

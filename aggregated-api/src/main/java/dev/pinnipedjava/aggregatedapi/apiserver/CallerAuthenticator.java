package dev.pinnipedjava.aggregatedapi.apiserver;

import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** Decides who made a request, from its client certificate and headers. */
public interface CallerAuthenticator {
  /**
   * The caller: {@link KubernetesUser#ANONYMOUS} when the request carries no credential, empty when
   * it carries one that does not authenticate (the server then answers 401). Must be thread-safe.
   */
  Optional<KubernetesUser> authenticate(
      List<X509Certificate> clientCertificates, RequestHeaders headers);
}

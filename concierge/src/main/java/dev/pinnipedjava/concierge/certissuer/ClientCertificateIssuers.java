package dev.pinnipedjava.concierge.certissuer;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The signers a TokenCredentialRequest may use, in order of preference, as Pinniped's {@code
 * ClientCertIssuers}: the cluster's own client CA first, so that the certificate works against the
 * kube-apiserver directly, then the impersonation proxy's signer, whose certificates only the proxy
 * accepts. The first one available at the time of the request signs.
 */
public final class ClientCertificateIssuers implements Supplier<Optional<ClientCertificateIssuer>> {
  private final List<Supplier<Optional<ClientCertificateIssuer>>> candidates;

  public ClientCertificateIssuers(List<Supplier<Optional<ClientCertificateIssuer>>> candidates) {
    this.candidates = List.copyOf(candidates);
  }

  /** The first available signer, or empty when none is. */
  @Override
  public Optional<ClientCertificateIssuer> get() {
    for (Supplier<Optional<ClientCertificateIssuer>> candidate : candidates) {
      Optional<ClientCertificateIssuer> issuer = candidate.get();
      if (issuer.isPresent()) {
        return issuer;
      }
    }
    return Optional.empty();
  }
}

package dev.pinnipedjava.concierge.certissuer;

import dev.pinnipedjava.pki.CertificateAuthority;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A signing CA that a controller loads and unloads while the Concierge runs: the impersonation
 * proxy's signer is usable only while the proxy is ready. Readers get whatever was set last.
 */
public final class SwitchableCertificateAuthority
    implements Supplier<Optional<ClientCertificateIssuer>> {
  private final AtomicReference<@Nullable CertificateAuthorityIssuer> current =
      new AtomicReference<>();
  private final AtomicReference<@Nullable CertificateAuthority> authority = new AtomicReference<>();

  /** Signs with {@code ca} from now on. */
  public void set(CertificateAuthority ca) {
    authority.set(ca);
    current.set(new CertificateAuthorityIssuer(ca));
  }

  /** Stops signing. */
  public void clear() {
    current.set(null);
    authority.set(null);
  }

  /** The issuer while a CA is loaded. */
  @Override
  public Optional<ClientCertificateIssuer> get() {
    return Optional.ofNullable(current.get());
  }

  /** The loaded CA's certificate, which verifiers of the issued certificates trust. */
  public Optional<X509Certificate> certificate() {
    CertificateAuthority ca = authority.get();
    return ca == null ? Optional.empty() : Optional.of(ca.certificate());
  }
}

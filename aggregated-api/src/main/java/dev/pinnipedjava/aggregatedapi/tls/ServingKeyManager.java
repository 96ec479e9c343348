package dev.pinnipedjava.aggregatedapi.tls;

import dev.pinnipedjava.pki.IssuedCertificate;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * The serving certificate of a TLS server, replaceable while the server runs: each handshake uses
 * whatever certificate was set last, so rotation needs no restart. Until one is set, handshakes
 * fail.
 */
public final class ServingKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "serving";

  private final AtomicReference<@Nullable IssuedCertificate> current = new AtomicReference<>();

  /** Serves {@code certificate} from the next handshake on. */
  public void set(IssuedCertificate certificate) {
    current.set(certificate);
  }

  @Override
  public @Nullable String chooseEngineServerAlias(
      String keyType, Principal @Nullable [] issuers, @Nullable SSLEngine engine) {
    return alias(keyType);
  }

  @Override
  public @Nullable String chooseServerAlias(
      String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
    return alias(keyType);
  }

  private @Nullable String alias(String keyType) {
    IssuedCertificate certificate = current.get();
    if (certificate == null) {
      return null;
    }
    // JSSE asks per key type; answer only for the type of the key we hold.
    String algorithm = certificate.privateKey().getAlgorithm();
    boolean matches =
        keyType.equals(algorithm)
            || (algorithm.equals("EC") && keyType.startsWith("EC"))
            || (algorithm.equals("RSA") && keyType.startsWith("RSA"));
    return matches ? ALIAS : null;
  }

  @Override
  public X509Certificate @Nullable [] getCertificateChain(@Nullable String alias) {
    IssuedCertificate certificate = current.get();
    if (certificate == null || !ALIAS.equals(alias)) {
      return null;
    }
    return certificate.chain().toArray(X509Certificate[]::new);
  }

  @Override
  public @Nullable PrivateKey getPrivateKey(@Nullable String alias) {
    IssuedCertificate certificate = current.get();
    if (certificate == null || !ALIAS.equals(alias)) {
      return null;
    }
    return certificate.privateKey();
  }

  @Override
  public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
    String alias = alias(keyType);
    return alias == null ? null : new String[] {alias};
  }

  // This key manager is for a server: it has no client certificates.

  @Override
  public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
    return null;
  }

  @Override
  public @Nullable String chooseClientAlias(
      String[] keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
    return null;
  }

  @Override
  public @Nullable String chooseEngineClientAlias(
      String[] keyType, Principal @Nullable [] issuers, @Nullable SSLEngine engine) {
    return null;
  }
}

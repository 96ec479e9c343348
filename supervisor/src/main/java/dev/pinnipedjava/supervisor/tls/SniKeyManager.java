package dev.pinnipedjava.supervisor.tls;

import dev.pinnipedjava.pki.IssuedCertificate;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the serving certificate of each TLS connection by its server name (SNI), as Pinniped's
 * Supervisor: the certificate of the FederationDomain TLS Secret for that hostname, else the
 * default TLS Secret's, else an in-memory bootstrap certificate with which only {@code /healthz} is
 * answered. The certificates are replaced whole while running; each handshake uses those set last.
 */
public final class SniKeyManager extends X509ExtendedKeyManager {
  /** Which certificate a server name gets. */
  public enum Source {
    /** The TLS Secret of the FederationDomains with that hostname. */
    HOSTNAME,
    /** The default TLS Secret. */
    DEFAULT,
    /** Neither exists: the bootstrap certificate. */
    BOOTSTRAP
  }

  /** The certificate chosen for a server name, and where it came from. */
  public record Selection(Source source, IssuedCertificate certificate) {}

  private record Snapshot(
      Map<String, IssuedCertificate> byHostname, @Nullable IssuedCertificate defaultCertificate) {}

  private final IssuedCertificate bootstrap;
  private volatile Snapshot snapshot = new Snapshot(Map.of(), null);
  // Handshakes look certificates up by alias after choosing one; an alias stays valid while its
  // certificate is current or was until the last change.
  private final Map<String, IssuedCertificate> byAlias = new ConcurrentHashMap<>();
  private final Map<IssuedCertificate, String> aliases = new ConcurrentHashMap<>();
  private final AtomicLong nextAlias = new AtomicLong();

  public SniKeyManager(IssuedCertificate bootstrap) {
    this.bootstrap = bootstrap;
  }

  /**
   * Serves these certificates from the next handshake on.
   *
   * @param byHostname certificates by lowercase hostname
   * @param defaultCertificate the certificate for other names and for clients without SNI
   */
  public synchronized void set(
      Map<String, IssuedCertificate> byHostname, @Nullable IssuedCertificate defaultCertificate) {
    Map<String, IssuedCertificate> lowercase = new HashMap<>();
    byHostname.forEach(
        (name, certificate) -> lowercase.put(name.toLowerCase(Locale.ROOT), certificate));
    Snapshot previous = snapshot;
    snapshot = new Snapshot(Map.copyOf(lowercase), defaultCertificate);
    List<IssuedCertificate> kept = new java.util.ArrayList<>();
    kept.add(bootstrap);
    kept.addAll(previous.byHostname().values());
    kept.addAll(lowercase.values());
    if (previous.defaultCertificate() != null) {
      kept.add(previous.defaultCertificate());
    }
    if (defaultCertificate != null) {
      kept.add(defaultCertificate);
    }
    aliases.keySet().retainAll(kept);
    byAlias.values().retainAll(kept);
  }

  /** The certificate a client asking for {@code serverName} (null: no SNI) gets now. */
  public Selection select(@Nullable String serverName) {
    Snapshot current = snapshot;
    if (serverName != null) {
      IssuedCertificate forHostname = current.byHostname().get(serverName.toLowerCase(Locale.ROOT));
      if (forHostname != null) {
        return new Selection(Source.HOSTNAME, forHostname);
      }
    }
    if (current.defaultCertificate() != null) {
      return new Selection(Source.DEFAULT, current.defaultCertificate());
    }
    return new Selection(Source.BOOTSTRAP, bootstrap);
  }

  @Override
  public @Nullable String chooseEngineServerAlias(
      String keyType, Principal @Nullable [] issuers, @Nullable SSLEngine engine) {
    return chooseAlias(keyType, engine == null ? null : engine.getHandshakeSession());
  }

  @Override
  public @Nullable String chooseServerAlias(
      String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
    SSLSession session =
        socket instanceof SSLSocket sslSocket ? sslSocket.getHandshakeSession() : null;
    return chooseAlias(keyType, session);
  }

  private @Nullable String chooseAlias(String keyType, @Nullable SSLSession handshake) {
    IssuedCertificate certificate = select(serverName(handshake)).certificate();
    if (!keyTypeMatches(keyType, certificate.privateKey())) {
      return null;
    }
    return aliases.computeIfAbsent(
        certificate,
        chosen -> {
          String alias = "certificate-" + nextAlias.incrementAndGet();
          byAlias.put(alias, chosen);
          return alias;
        });
  }

  private static @Nullable String serverName(@Nullable SSLSession handshake) {
    if (handshake instanceof ExtendedSSLSession extended) {
      for (SNIServerName name : extended.getRequestedServerNames()) {
        if (name.getType() == StandardConstants.SNI_HOST_NAME && name instanceof SNIHostName host) {
          return host.getAsciiName();
        }
      }
    }
    return null;
  }

  // JSSE asks once per key type it could use; answer only for the type of the key we hold.
  private static boolean keyTypeMatches(String keyType, PrivateKey key) {
    String algorithm = key.getAlgorithm();
    return Objects.equals(keyType, algorithm)
        || (algorithm.equals("EC") && keyType.startsWith("EC"))
        || (algorithm.equals("RSA") && keyType.startsWith("RSA"));
  }

  @Override
  public X509Certificate @Nullable [] getCertificateChain(@Nullable String alias) {
    IssuedCertificate certificate = alias == null ? null : byAlias.get(alias);
    return certificate == null ? null : certificate.chain().toArray(X509Certificate[]::new);
  }

  @Override
  public @Nullable PrivateKey getPrivateKey(@Nullable String alias) {
    IssuedCertificate certificate = alias == null ? null : byAlias.get(alias);
    return certificate == null ? null : certificate.privateKey();
  }

  @Override
  public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
    String alias = chooseAlias(keyType, null);
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

package dev.pinnipedjava.supervisor.tls;

import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTLSSpec;
import dev.pinnipedjava.controller.Controller;
import dev.pinnipedjava.controller.EventFilter;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.ResourceCache;
import dev.pinnipedjava.controller.SyncContext;
import dev.pinnipedjava.controller.Syncer;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.pki.Pem;
import dev.pinnipedjava.supervisor.federation.InvalidIssuerException;
import dev.pinnipedjava.supervisor.federation.IssuerUrl;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Loads serving certificates into the {@link SniKeyManager} (Pinniped's TLS certificate observer):
 * for each FederationDomain whose issuer host is a name and which names a TLS Secret, that Secret's
 * certificate for the hostname; and the default TLS Secret's certificate. Secrets of type {@code
 * kubernetes.io/tls} with {@code tls.crt} and {@code tls.key}; one that is missing or unreadable is
 * skipped.
 */
public final class TlsCertificateController implements Syncer {
  private static final Logger LOG = Logger.getLogger(TlsCertificateController.class);

  public static final String NAME = "tls-certs-observer-controller";
  static final Key ALL = Key.clusterScoped("all-tls-certificates");

  private final String namespace;
  private final String defaultSecretName;
  private final ResourceCache<FederationDomain> federationDomains;
  private final ResourceCache<Secret> secrets;
  private final SniKeyManager keyManager;

  public TlsCertificateController(
      String namespace,
      String defaultSecretName,
      ResourceCache<FederationDomain> federationDomains,
      ResourceCache<Secret> secrets,
      SniKeyManager keyManager) {
    this.namespace = namespace;
    this.defaultSecretName = defaultSecretName;
    this.federationDomains = federationDomains;
    this.secrets = secrets;
    this.keyManager = keyManager;
  }

  public Controller controller() {
    return Controller.builder(NAME, this)
        // A FederationDomain may name another Secret or change its hostname.
        .watch(federationDomains, EventFilter.singleton(ALL))
        // Only TLS Secrets can hold serving certificates.
        .watch(
            secrets,
            EventFilter.matching(
                secret -> "kubernetes.io/tls".equals(secret.getType()), secret -> Optional.of(ALL)))
        .initialEvent(ALL)
        .build();
  }

  @Override
  public void sync(SyncContext context) {
    Map<String, IssuedCertificate> byHostname = new HashMap<>();
    for (FederationDomain federationDomain : federationDomains.list()) {
      FederationDomainTLSSpec tls =
          federationDomain.getSpec() == null ? null : federationDomain.getSpec().tls();
      if (tls == null || tls.secretName() == null || tls.secretName().isEmpty()) {
        continue;
      }
      IssuerUrl url;
      try {
        url = IssuerUrl.parse(federationDomain.getSpec().issuer());
      } catch (InvalidIssuerException e) {
        continue;
      }
      if (url.hostIsIpAddress()) {
        continue;
      }
      load(tls.secretName()).ifPresent(certificate -> byHostname.put(url.hostname(), certificate));
    }
    keyManager.set(byHostname, load(defaultSecretName).orElse(null));
  }

  private Optional<IssuedCertificate> load(String secretName) {
    Optional<Secret> secret = secrets.get(Key.namespaced(namespace, secretName));
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> data = secret.get().getData();
    String certificate = data == null ? null : data.get("tls.crt");
    String key = data == null ? null : data.get("tls.key");
    if (certificate == null || key == null) {
      LOG.warnf("TLS Secret %s/%s lacks tls.crt or tls.key", namespace, secretName);
      return Optional.empty();
    }
    try {
      List<X509Certificate> chain = Pem.decodeCertificates(decode(certificate));
      return Optional.of(new IssuedCertificate(chain, Pem.decodePrivateKey(decode(key))));
    } catch (RuntimeException e) {
      // Never the Secret's content in the log: only that it is unusable.
      LOG.warnf(
          "TLS Secret %s/%s does not hold a usable certificate and key", namespace, secretName);
      return Optional.empty();
    }
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}

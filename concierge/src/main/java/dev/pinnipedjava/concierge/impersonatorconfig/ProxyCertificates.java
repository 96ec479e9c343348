package dev.pinnipedjava.concierge.impersonatorconfig;

import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.pki.Pem;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The impersonation proxy's key material, kept in Secrets of the Concierge's namespace under
 * Pinniped's names and keys, so that every replica serves and signs with the same keys:
 *
 * <ul>
 *   <li>the serving CA "Pinniped Impersonation Proxy Serving CA" ({@code ca.crt}, {@code ca.key}),
 *       which clients trust through the CredentialIssuer's status;
 *   <li>the serving certificate it signs for the proxy's endpoint ({@code kubernetes.io/tls}),
 *       replaced when the endpoint changes;
 *   <li>the signer CA "Pinniped Impersonation Proxy Signer CA" ({@code caCertificate}, {@code
 *       caCertificatePrivateKey}), which signs client certificates only the proxy accepts.
 * </ul>
 *
 * <p>Each Secret carries the format annotation; one without it, or unusable, is replaced.
 */
final class ProxyCertificates {
  private static final Logger LOG = Logger.getLogger(ProxyCertificates.class);

  /** The layout of these Secrets' data. History: 1 = Pinniped's keys listed above. */
  static final String FORMAT_VERSION = "1";

  static final String FORMAT_ANNOTATION =
      "concierge.pinniped-java.dev/impersonation-proxy-secret-format";
  static final String SERVING_CA_NAME = "Pinniped Impersonation Proxy Serving CA";
  static final String SIGNER_CA_NAME = "Pinniped Impersonation Proxy Signer CA";
  static final String CA_CERTIFICATE_KEY = "ca.crt";
  static final String CA_PRIVATE_KEY_KEY = "ca.key";
  static final String TLS_CERTIFICATE_KEY = "tls.crt";
  static final String TLS_PRIVATE_KEY_KEY = "tls.key";
  static final String SIGNER_CERTIFICATE_KEY = "caCertificate";
  static final String SIGNER_PRIVATE_KEY_KEY = "caCertificatePrivateKey";

  /** Pinniped's lifetimes: the serving CA and certificate live "forever", the signer a year. */
  static final Duration SERVING_LIFETIME = Duration.ofDays(100L * 365);

  static final Duration SIGNER_LIFETIME = Duration.ofDays(365);
  static final Duration SIGNER_RENEW_BEFORE = Duration.ofHours(1);

  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, String> labels;
  private final Clock clock;
  private final SecureRandom random;

  ProxyCertificates(
      KubernetesClient client,
      String namespace,
      Map<String, String> labels,
      Clock clock,
      SecureRandom random) {
    this.client = client;
    this.namespace = namespace;
    this.labels = Map.copyOf(labels);
    this.clock = clock;
    this.random = random;
  }

  /** The serving CA in {@code secretName}, created when missing or unusable. */
  CertificateAuthority servingCa(String secretName) {
    return ca(
        secretName,
        CA_CERTIFICATE_KEY,
        CA_PRIVATE_KEY_KEY,
        SERVING_CA_NAME,
        SERVING_LIFETIME,
        Duration.ZERO);
  }

  /** The signer CA in {@code secretName}, created when missing, unusable or about to expire. */
  CertificateAuthority signerCa(String secretName) {
    return ca(
        secretName,
        SIGNER_CERTIFICATE_KEY,
        SIGNER_PRIVATE_KEY_KEY,
        SIGNER_CA_NAME,
        SIGNER_LIFETIME,
        SIGNER_RENEW_BEFORE);
  }

  /**
   * The serving certificate in {@code secretName} when {@code ca} signed it for exactly {@code
   * endpoint}'s name; otherwise a new one, stored.
   */
  IssuedCertificate servingCertificate(
      String secretName, CertificateAuthority ca, ProxyEndpoint endpoint) {
    Secret stored = get(secretName);
    if (stored != null) {
      Optional<IssuedCertificate> usable = usableServing(stored, ca, endpoint);
      if (usable.isPresent()) {
        return usable.get();
      }
    }
    IssuedCertificate created =
        ca.issueServingCertificate(
            endpoint.hostname().isEmpty()
                ? endpoint.ipAddresses().get(0).getHostAddress()
                : endpoint.hostname(),
            endpoint.dnsNames(),
            endpoint.ipAddresses(),
            SERVING_LIFETIME);
    write(
        stored,
        secretName,
        "kubernetes.io/tls",
        Map.of(
            TLS_CERTIFICATE_KEY, created.certificatePem(),
            TLS_PRIVATE_KEY_KEY, created.privateKeyPem()));
    LOG.infof(
        "stored a new impersonation proxy serving certificate for %s in Secret %s/%s",
        endpoint.clientEndpoint(), namespace, secretName);
    return created;
  }

  /** Deletes the generated serving certificate, when it exists. */
  void deleteServingCertificate(String secretName) {
    if (get(secretName) != null) {
      client.secrets().inNamespace(namespace).withName(secretName).delete();
      LOG.infof("deleted the impersonation proxy serving certificate %s/%s", namespace, secretName);
    }
  }

  /**
   * A serving certificate provided by the administrator ({@code spec.impersonationProxy.tls}): a
   * {@code kubernetes.io/tls} Secret, and the CA to advertise, from the spec or the Secret's {@code
   * ca.crt}.
   *
   * @throws IllegalArgumentException when the Secret is missing or unusable
   */
  ProvidedCertificate provided(String secretName, @Nullable String certificateAuthorityData) {
    Secret secret = get(secretName);
    if (secret == null) {
      throw new IllegalArgumentException(
          "could not load the impersonator's TLS Secret " + secretName + ": it does not exist");
    }
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    try {
      IssuedCertificate serving =
          new IssuedCertificate(
              Pem.decodeCertificates(decoded(data, TLS_CERTIFICATE_KEY)),
              Pem.decodePrivateKey(decoded(data, TLS_PRIVATE_KEY_KEY)));
      String caPem;
      if (certificateAuthorityData != null && !certificateAuthorityData.isEmpty()) {
        caPem =
            new String(
                Base64.getDecoder().decode(certificateAuthorityData.trim()),
                StandardCharsets.UTF_8);
      } else if (data.containsKey(CA_CERTIFICATE_KEY)) {
        caPem = decoded(data, CA_CERTIFICATE_KEY);
      } else {
        throw new IllegalArgumentException(
            "neither spec.impersonationProxy.tls.certificateAuthorityData nor key "
                + CA_CERTIFICATE_KEY
                + " of the Secret gives the CA to advertise");
      }
      Pem.decodeCertificates(caPem);
      return new ProvidedCertificate(serving, caPem);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "could not load the impersonator's TLS Secret " + secretName + ": " + e.getMessage(), e);
    }
  }

  /**
   * A serving certificate from the administrator.
   *
   * @param serving the certificate and key
   * @param caPem the CA bundle clients are told to trust
   */
  record ProvidedCertificate(IssuedCertificate serving, String caPem) {}

  private CertificateAuthority ca(
      String secretName,
      String certificateKey,
      String privateKeyKey,
      String commonName,
      Duration lifetime,
      Duration renewBefore) {
    Secret stored = get(secretName);
    if (stored != null && hasFormat(stored)) {
      Map<String, String> data = stored.getData() == null ? Map.of() : stored.getData();
      try {
        CertificateAuthority ca =
            CertificateAuthority.load(
                decoded(data, certificateKey), decoded(data, privateKeyKey), clock, random);
        if (ca.certificate().getNotAfter().toInstant().isAfter(clock.instant().plus(renewBefore))) {
          return ca;
        }
        LOG.infof("the CA in Secret %s/%s is due for renewal", namespace, secretName);
      } catch (IllegalArgumentException e) {
        LOG.warnf(
            "Secret %s/%s is unusable (%s): replacing it", namespace, secretName, e.getMessage());
      }
    }
    CertificateAuthority created = CertificateAuthority.create(commonName, lifetime, clock, random);
    write(
        stored,
        secretName,
        "Opaque",
        Map.of(certificateKey, created.certificatePem(), privateKeyKey, created.privateKeyPem()));
    LOG.infof("stored a new %s in Secret %s/%s", commonName, namespace, secretName);
    return created;
  }

  private Optional<IssuedCertificate> usableServing(
      Secret stored, CertificateAuthority ca, ProxyEndpoint endpoint) {
    if (!hasFormat(stored)) {
      return Optional.empty();
    }
    Map<String, String> data = stored.getData() == null ? Map.of() : stored.getData();
    try {
      List<X509Certificate> chain = Pem.decodeCertificates(decoded(data, TLS_CERTIFICATE_KEY));
      X509Certificate leaf = chain.get(0);
      leaf.verify(ca.certificate().getPublicKey());
      Instant now = clock.instant();
      if (!leaf.getNotAfter().toInstant().isAfter(now)) {
        return Optional.empty();
      }
      if (!names(leaf).equals(expectedNames(endpoint))) {
        LOG.infof(
            "the impersonation proxy serving certificate does not name %s: replacing it",
            endpoint.clientEndpoint());
        return Optional.empty();
      }
      return Optional.of(
          new IssuedCertificate(chain, Pem.decodePrivateKey(decoded(data, TLS_PRIVATE_KEY_KEY))));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The certificate's subject alternative names as "dns:x" and "ip:y" strings. */
  private static List<String> names(X509Certificate certificate)
      throws CertificateParsingException {
    List<String> names = new ArrayList<>();
    if (certificate.getSubjectAlternativeNames() != null) {
      for (List<?> name : certificate.getSubjectAlternativeNames()) {
        Object type = name.get(0);
        Object value = name.get(1);
        if (Integer.valueOf(2).equals(type)) {
          names.add("dns:" + value);
        } else if (Integer.valueOf(7).equals(type)) {
          names.add("ip:" + normalizedIp(String.valueOf(value)));
        }
      }
    }
    names.sort(null);
    return names;
  }

  private static List<String> expectedNames(ProxyEndpoint endpoint) {
    List<String> names = new ArrayList<>();
    endpoint.dnsNames().forEach(name -> names.add("dns:" + name));
    for (InetAddress address : endpoint.ipAddresses()) {
      names.add("ip:" + address.getHostAddress());
    }
    names.sort(null);
    return names;
  }

  private static String normalizedIp(String text) {
    try {
      return InetAddress.getByName(text).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      return text;
    }
  }

  private @Nullable Secret get(String name) {
    return client.secrets().inNamespace(namespace).withName(name).get();
  }

  private static boolean hasFormat(Secret secret) {
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    return annotations != null && FORMAT_VERSION.equals(annotations.get(FORMAT_ANNOTATION));
  }

  /** Creates the Secret, or replaces {@code stored} guarded by its resourceVersion. */
  private void write(
      @Nullable Secret stored, String name, String type, Map<String, String> pemData) {
    Map<String, String> data = new HashMap<>();
    pemData.forEach(
        (key, pem) ->
            data.put(
                key, Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8))));
    if (stored != null && !type.equals(stored.getType())) {
      // The type of a Secret cannot change.
      client.secrets().inNamespace(namespace).withName(name).delete();
      stored = null;
    }
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withResourceVersion(stored == null ? null : stored.getMetadata().getResourceVersion())
            .withLabels(labels)
            .addToAnnotations(FORMAT_ANNOTATION, FORMAT_VERSION)
            .endMetadata()
            .withType(type)
            .withData(data)
            .build();
    if (stored == null) {
      client.secrets().inNamespace(namespace).resource(secret).create();
    } else {
      client.secrets().inNamespace(namespace).resource(secret).update();
    }
  }

  private static String decoded(Map<String, String> data, String key) {
    String value = data.get(key);
    if (value == null) {
      throw new IllegalArgumentException("key " + key + " is missing");
    }
    return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
  }
}

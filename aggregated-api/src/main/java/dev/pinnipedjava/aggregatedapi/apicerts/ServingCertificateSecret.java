package dev.pinnipedjava.aggregatedapi.apicerts;

import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.pki.Pem;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the aggregation CA and serving certificate in a Secret of the server's namespace, so that
 * every replica serves the same certificate and the APIServices trust one CA. The first replica to
 * start creates it; the others read it. A certificate close to its end (within {@code renewBefore})
 * is replaced by the first replica to look, keeping the replaced CA beside the new one so that
 * APIServices trust both while the replicas switch.
 *
 * <p>Data keys are Pinniped's ({@code caCertificate}, {@code caCertificatePrivateKey}, {@code
 * tlsCertificateChain}, {@code tlsPrivateKey}).
 */
public final class ServingCertificateSecret {
  private static final Logger LOG = Logger.getLogger(ServingCertificateSecret.class);

  /**
   * The layout of the Secret's data. History: 1 = the four PEM keys above; 2 = also {@code
   * previousCaCertificate} after a renewal, the CA that was replaced. A Secret without one of these
   * values, or with another, is replaced.
   */
  static final String FORMAT_VERSION = "2";

  private static final List<String> READABLE_FORMAT_VERSIONS = List.of("1", FORMAT_VERSION);

  static final String FORMAT_ANNOTATION = "pinniped-java.dev/serving-certificate-format";

  /** Where Secrets of format 1, written by the Concierge alone, carry their format. */
  static final String CONCIERGE_FORMAT_ANNOTATION =
      "concierge.pinniped-java.dev/serving-certificate-format";

  static final String CA_CERTIFICATE = "caCertificate";
  static final String CA_PRIVATE_KEY = "caCertificatePrivateKey";
  static final String TLS_CERTIFICATE_CHAIN = "tlsCertificateChain";
  static final String TLS_PRIVATE_KEY = "tlsPrivateKey";
  static final String PREVIOUS_CA_CERTIFICATE = "previousCaCertificate";

  private static final int ATTEMPTS = 5;

  private final KubernetesClient client;
  private final String namespace;
  private final String secretName;
  private final String serviceName;
  private final Duration validity;
  private final Duration renewBefore;
  private final Clock clock;
  private final SecureRandom random;
  private final String appLabel;

  /**
   * @param appLabel the {@code app} label of the Secret, the server's own (for example {@code
   *     pinniped-concierge})
   */
  public ServingCertificateSecret(
      KubernetesClient client,
      String namespace,
      String secretName,
      String serviceName,
      Duration validity,
      Duration renewBefore,
      Clock clock,
      SecureRandom random,
      String appLabel) {
    this.client = client;
    this.namespace = namespace;
    this.secretName = secretName;
    this.serviceName = serviceName;
    this.validity = validity;
    this.renewBefore = renewBefore;
    this.clock = clock;
    this.random = random;
    this.appLabel = appLabel;
  }

  /**
   * The stored certificates when they are usable, otherwise new ones, stored.
   *
   * @throws KubernetesClientException when the Secret can be neither read nor written
   */
  public AggregationCertificates loadOrCreate() {
    return loadOrRenew().current();
  }

  /**
   * The stored certificates when they are usable and not due for renewal, otherwise new ones,
   * stored with the CA they replace.
   *
   * @throws KubernetesClientException when the Secret can be neither read nor written
   */
  public StoredCertificates loadOrRenew() {
    for (int attempt = 1; ; attempt++) {
      Secret stored = client.secrets().inNamespace(namespace).withName(secretName).get();
      Optional<StoredCertificates> usable = stored == null ? Optional.empty() : usable(stored);
      if (usable.isPresent()) {
        return usable.get();
      }
      StoredCertificates created =
          new StoredCertificates(
              AggregationCertificates.create(serviceName, namespace, validity, clock, random),
              stored == null ? List.of() : replacedAuthority(stored));
      try {
        if (stored == null) {
          client.secrets().inNamespace(namespace).resource(secret(created, null)).create();
          LOG.infof("stored a new aggregation CA in Secret %s/%s", namespace, secretName);
        } else {
          // Guarded by resourceVersion: a replica that replaced it first wins.
          client
              .secrets()
              .inNamespace(namespace)
              .resource(secret(created, stored.getMetadata().getResourceVersion()))
              .update();
          LOG.infof("replaced the aggregation CA in Secret %s/%s", namespace, secretName);
        }
        return created;
      } catch (KubernetesClientException e) {
        if ((e.getCode() != 409) || attempt == ATTEMPTS) {
          throw e;
        }
        // Another replica wrote it at the same moment: use theirs.
      }
    }
  }

  /**
   * The CA of a Secret being replaced, still trusted while servers switch; none when it cannot be
   * read or has expired.
   */
  private List<X509Certificate> replacedAuthority(Secret secret) {
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    try {
      X509Certificate previous = Pem.decodeCertificate(decoded(data, CA_CERTIFICATE));
      return previous.getNotAfter().toInstant().isAfter(clock.instant())
          ? List.of(previous)
          : List.of();
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }

  private Optional<StoredCertificates> usable(Secret secret) {
    Map<String, String> annotations =
        secret.getMetadata().getAnnotations() == null
            ? Map.of()
            : secret.getMetadata().getAnnotations();
    String format =
        annotations.getOrDefault(FORMAT_ANNOTATION, annotations.get(CONCIERGE_FORMAT_ANNOTATION));
    if (format == null || !READABLE_FORMAT_VERSIONS.contains(format)) {
      LOG.infof("Secret %s/%s has an unknown format: replacing it", namespace, secretName);
      return Optional.empty();
    }
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    try {
      CertificateAuthority authority =
          CertificateAuthority.load(
              decoded(data, CA_CERTIFICATE), decoded(data, CA_PRIVATE_KEY), clock, random);
      List<X509Certificate> chain = Pem.decodeCertificates(decoded(data, TLS_CERTIFICATE_CHAIN));
      IssuedCertificate serving =
          new IssuedCertificate(chain, Pem.decodePrivateKey(decoded(data, TLS_PRIVATE_KEY)));
      String problem = problem(authority, serving.certificate());
      if (problem != null) {
        LOG.infof("Secret %s/%s: %s; issuing a new certificate", namespace, secretName, problem);
        return Optional.empty();
      }
      List<X509Certificate> previous =
          data.containsKey(PREVIOUS_CA_CERTIFICATE)
              ? Pem.decodeCertificates(decoded(data, PREVIOUS_CA_CERTIFICATE))
              : List.of();
      return Optional.of(
          new StoredCertificates(new AggregationCertificates(authority, serving), previous));
    } catch (IllegalArgumentException e) {
      LOG.warnf(
          "Secret %s/%s is unusable (%s): replacing it", namespace, secretName, e.getMessage());
      return Optional.empty();
    }
  }

  /** Why the stored serving certificate should not be served, or null when it may be. */
  private @Nullable String problem(CertificateAuthority authority, X509Certificate serving) {
    try {
      serving.verify(authority.certificate().getPublicKey());
    } catch (GeneralSecurityException e) {
      return "the serving certificate is not signed by the stored CA";
    }
    Instant now = clock.instant();
    if (!serving.getNotAfter().toInstant().isAfter(now.plus(renewBefore))
        || !authority.certificate().getNotAfter().toInstant().isAfter(now.plus(renewBefore))) {
      return "the certificate is due for renewal";
    }
    String serviceHost = serviceName + "." + namespace + ".svc";
    try {
      boolean namesService =
          serving.getSubjectAlternativeNames() != null
              && serving.getSubjectAlternativeNames().stream()
                  .anyMatch(name -> serviceHost.equals(name.get(1)));
      return namesService ? null : "the serving certificate does not name " + serviceHost;
    } catch (CertificateParsingException e) {
      return "the serving certificate's names cannot be read";
    }
  }

  private Secret secret(StoredCertificates stored, @Nullable String resourceVersion) {
    AggregationCertificates certificates = stored.current();
    SecretBuilder secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(secretName)
            .withNamespace(namespace)
            .withResourceVersion(resourceVersion)
            .addToAnnotations(FORMAT_ANNOTATION, FORMAT_VERSION)
            .addToLabels("app", appLabel)
            .endMetadata()
            .withType("Opaque")
            .addToData(CA_CERTIFICATE, encoded(certificates.authority().certificatePem()))
            .addToData(CA_PRIVATE_KEY, encoded(certificates.authority().privateKeyPem()))
            .addToData(TLS_CERTIFICATE_CHAIN, encoded(certificates.serving().certificatePem()))
            .addToData(TLS_PRIVATE_KEY, encoded(certificates.serving().privateKeyPem()));
    if (!stored.previousAuthority().isEmpty()) {
      secret.addToData(
          PREVIOUS_CA_CERTIFICATE, encoded(Pem.encodeCertificates(stored.previousAuthority())));
    }
    return secret.build();
  }

  private static String decoded(Map<String, String> data, String key) {
    String value = data.get(key);
    if (value == null) {
      throw new IllegalArgumentException("key " + key + " is missing");
    }
    return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
  }

  private static String encoded(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
  }
}

package dev.pinnipedjava.aggregatedapi.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * Verifies TLS client certificates the way Kubernetes' x509 authenticator does: the chain must lead
 * to one of the given CAs at the given time, and the leaf must be valid for client authentication.
 * Connections only ask for certificates (see {@link ClientCertificateRequest}); this is where they
 * are judged.
 */
public final class ClientCertificates {
  private static final String CLIENT_AUTH_USAGE = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_USAGE = "2.5.29.37.0";

  private ClientCertificates() {}

  /**
   * Why {@code chain} (leaf first) is not a client certificate issued by one of {@code authorities}
   * that is valid at {@code now}, or null when it is one.
   */
  public static @Nullable String problem(
      List<X509Certificate> chain, List<X509Certificate> authorities, Instant now) {
    if (chain.isEmpty()) {
      return "no certificate";
    }
    if (authorities.isEmpty()) {
      return "no CA is trusted for client certificates";
    }
    Set<TrustAnchor> anchors =
        authorities.stream().map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toSet());
    // A client may append the root it chains to; the validator wants the path without anchors.
    List<X509Certificate> path =
        chain.stream().filter(cert -> !authorities.contains(cert)).toList();
    if (path.isEmpty()) {
      return "the certificate is a CA certificate, not a client certificate";
    }
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(now));
      CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
    } catch (GeneralSecurityException e) {
      return "it does not chain to a trusted CA at this time: " + e.getMessage();
    }
    try {
      List<String> usages = chain.get(0).getExtendedKeyUsage();
      if (usages != null && !usages.contains(CLIENT_AUTH_USAGE) && !usages.contains(ANY_USAGE)) {
        return "it is not valid for client authentication";
      }
    } catch (CertificateParsingException e) {
      return "its extended key usage cannot be read";
    }
    return null;
  }

  /** The subject's common name, empty when it has none. */
  public static String commonName(X500Principal subject) {
    List<String> values = attribute(subject, "CN");
    return values.isEmpty() ? "" : values.get(0);
  }

  /** The subject's organizations, in the order they appear in the certificate. */
  public static List<String> organizations(X500Principal subject) {
    return attribute(subject, "O");
  }

  private static List<String> attribute(X500Principal subject, String type) {
    List<String> values = new ArrayList<>();
    try {
      // LdapName lists RDNs in the certificate's (DER) order, the reverse of the RFC 2253 text;
      // Kubernetes reads organizations in that order too.
      for (Rdn rdn : new LdapName(subject.getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase(type)) {
          values.add(rdn.getValue().toString());
        }
      }
    } catch (InvalidNameException e) {
      return List.of();
    }
    return values;
  }
}

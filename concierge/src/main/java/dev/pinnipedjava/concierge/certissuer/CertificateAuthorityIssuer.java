package dev.pinnipedjava.concierge.certissuer;

import dev.pinnipedjava.concierge.config.ConciergeConfig;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Issues client certificates with a CA whose key the Concierge holds: off-cluster, the cluster's
 * client CA read from the files the config names, or fetched by the kube-cert-agent in a cluster.
 */
public final class CertificateAuthorityIssuer implements ClientCertificateIssuer {
  private final CertificateAuthority authority;

  public CertificateAuthorityIssuer(CertificateAuthority authority) {
    this.authority = authority;
  }

  /**
   * Reads the CA from its PEM files.
   *
   * @throws IllegalArgumentException when the files cannot be read or do not hold a CA and its key
   */
  public static CertificateAuthorityIssuer fromFiles(
      ConciergeConfig.SignerFiles files, Clock clock, SecureRandom random) {
    return new CertificateAuthorityIssuer(readAuthority(files, clock, random));
  }

  /**
   * Reads a CA from its PEM files.
   *
   * @throws IllegalArgumentException when the files cannot be read or do not hold a CA and its key
   */
  public static CertificateAuthority readAuthority(
      ConciergeConfig.SignerFiles files, Clock clock, SecureRandom random) {
    String certificate;
    String privateKey;
    try {
      certificate = Files.readString(files.certificateFile());
      privateKey = Files.readString(files.privateKeyFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the client certificate signer: " + e.getMessage(), e);
    }
    return CertificateAuthority.load(certificate, privateKey, clock, random);
  }

  /** The CA's certificate, which verifiers of the issued certificates trust. */
  public X509Certificate certificate() {
    return authority.certificate();
  }

  @Override
  public IssuedCertificate issue(String username, List<String> groups, Duration validity) {
    return authority.issueClientCertificate(username, groups, validity);
  }
}

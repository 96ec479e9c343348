package dev.pinnipedjava.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate issued by a {@link CertificateAuthority} with its private key. The chain starts
 * with the issued certificate; the root the peer already trusts is not included.
 */
public record IssuedCertificate(List<X509Certificate> chain, PrivateKey privateKey) {
  public IssuedCertificate {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain needs at least one certificate");
    }
  }

  /** The issued (leaf) certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** The chain as concatenated {@code CERTIFICATE} PEM blocks, leaf first. */
  public String certificatePem() {
    return Pem.encodeCertificates(chain);
  }

  /** The private key as PKCS#8 PEM. */
  public String privateKeyPem() {
    return Pem.encodePrivateKey(privateKey);
  }

  @Override
  public String toString() {
    X509Certificate leaf = certificate();
    return "IssuedCertificate[subject="
        + leaf.getSubjectX500Principal().getName()
        + ", notAfter="
        + leaf.getNotAfter().toInstant()
        + ", privateKey=(redacted)]";
  }
}

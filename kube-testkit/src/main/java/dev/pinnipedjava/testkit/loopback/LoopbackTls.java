package dev.pinnipedjava.testkit.loopback;

import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.pki.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway CA and the serving certificate it signed for {@code 127.0.0.1} and {@code localhost}:
 * the TLS identity of one part. Clients trust exactly this CA, nothing else.
 */
public final class LoopbackTls {
  private static final Duration VALIDITY = Duration.ofDays(2);
  private static final char[] NO_PASSWORD = new char[0];

  private final CertificateAuthority ca;
  private final IssuedCertificate serving;

  private LoopbackTls(CertificateAuthority ca, IssuedCertificate serving) {
    this.ca = ca;
    this.serving = serving;
  }

  /**
   * A new CA named after {@code part} and a serving certificate for 127.0.0.1, localhost and the
   * extra DNS names.
   */
  public static LoopbackTls create(
      String part, List<String> extraDnsNames, Clock clock, SecureRandom random) {
    CertificateAuthority ca =
        CertificateAuthority.create(part + " test CA", VALIDITY, clock, random);
    List<String> dnsNames = Stream.concat(Stream.of("localhost"), extraDnsNames.stream()).toList();
    IssuedCertificate serving =
        ca.issueServingCertificate(
            LoopbackPorts.HOST, dnsNames, List.<InetAddress>of(LoopbackPorts.address()), VALIDITY);
    return new LoopbackTls(ca, serving);
  }

  public static LoopbackTls create(String part) {
    return create(part, List.of(), Clock.systemUTC(), new SecureRandom());
  }

  public CertificateAuthority ca() {
    return ca;
  }

  public String caPem() {
    return ca.certificatePem();
  }

  public String certificatePem() {
    return serving.certificatePem();
  }

  /**
   * The serving key in its traditional form ({@code EC PRIVATE KEY}): GnuTLS, which slapd and Samba
   * use, does not parse the JDK's PKCS#8 encoding of EC keys.
   */
  public String privateKeyPem() {
    return Pem.encodeTraditionalPrivateKey(serving.privateKey());
  }

  /** Writes {@code ca.crt}, {@code tls.crt} and {@code tls.key} (owner-only) into {@code dir}. */
  public TlsFiles writeTo(Path directory) {
    TlsFiles files =
        new TlsFiles(
            directory.resolve("ca.crt"),
            directory.resolve("tls.crt"),
            directory.resolve("tls.key"));
    try {
      Files.createDirectories(directory);
      Files.writeString(files.caCertificate(), caPem(), StandardCharsets.US_ASCII);
      Files.writeString(files.certificate(), certificatePem(), StandardCharsets.US_ASCII);
      Files.deleteIfExists(files.privateKey());
      Files.createFile(
          files.privateKey(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(files.privateKey(), privateKeyPem(), StandardCharsets.US_ASCII);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write TLS files to " + directory, e);
    }
  }

  /** A client context that trusts this CA only. */
  public SSLContext clientContext() {
    return trusting(caPem());
  }

  /** A server context presenting the serving certificate. */
  public SSLContext serverContext() {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, NO_PASSWORD);
      keys.setKeyEntry(
          "serving",
          serving.privateKey(),
          NO_PASSWORD,
          serving.chain().toArray(X509Certificate[]::new));
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, NO_PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a TLS server context", e);
    }
  }

  /** A client context that trusts exactly the CA certificates in {@code caPem}. */
  public static SSLContext trusting(String caPem) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, NO_PASSWORD);
      List<X509Certificate> cas = Pem.decodeCertificates(caPem);
      for (int i = 0; i < cas.size(); i++) {
        trust.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trustManagers.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a TLS client context", e);
    }
  }

  @Override
  public String toString() {
    return "LoopbackTls[" + ca + ", privateKey=(redacted)]";
  }
}

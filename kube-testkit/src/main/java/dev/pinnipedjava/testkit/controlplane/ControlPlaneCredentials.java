package dev.pinnipedjava.testkit.controlplane;

import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.pki.KeyType;
import dev.pinnipedjava.pki.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Every secret a control plane needs: three CAs (serving, client, front proxy; the client and front
 * proxy CAs keep their keys so tests can mint certificates the API server trusts), the certificates
 * they issue, the service-account signing key pair and the static token of {@value #STATIC_USER}.
 */
public record ControlPlaneCredentials(
    CertificateAuthority servingCa,
    IssuedCertificate apiServerServing,
    CertificateAuthority clientCa,
    IssuedCertificate admin,
    CertificateAuthority frontProxyCa,
    IssuedCertificate frontProxyClient,
    KeyPair serviceAccountSigningKey,
    String staticUserToken) {

  public static final String STATIC_USER = "static-user";
  public static final String STATIC_GROUP = "static-group";
  public static final String ADMIN_USER = "admin";
  public static final String ADMIN_GROUP = "system:masters";
  public static final String FRONT_PROXY_CLIENT = "front-proxy-client";

  /** Long enough for any test run or a day's local stack, short enough not to matter if leaked. */
  private static final Duration CA_VALIDITY = Duration.ofDays(30);

  private static final Duration LEAF_VALIDITY = Duration.ofDays(7);

  /** The names clients inside and outside the cluster use for the API server. */
  public static final List<String> API_SERVER_DNS_NAMES =
      List.of(
          "localhost",
          "kubernetes",
          "kubernetes.default",
          "kubernetes.default.svc",
          "kubernetes.default.svc.cluster.local");

  public static ControlPlaneCredentials generate(Clock clock, SecureRandom random) {
    CertificateAuthority servingCa =
        CertificateAuthority.create("kube-testkit serving CA", CA_VALIDITY, clock, random);
    CertificateAuthority clientCa =
        CertificateAuthority.create("kube-testkit client CA", CA_VALIDITY, clock, random);
    CertificateAuthority frontProxyCa =
        CertificateAuthority.create("kube-testkit front-proxy CA", CA_VALIDITY, clock, random);
    byte[] token = new byte[32];
    random.nextBytes(token);
    return new ControlPlaneCredentials(
        servingCa,
        servingCa.issueServingCertificate(
            "kube-apiserver", API_SERVER_DNS_NAMES, apiServerAddresses(), LEAF_VALIDITY),
        clientCa,
        clientCa.issueClientCertificate(ADMIN_USER, List.of(ADMIN_GROUP), LEAF_VALIDITY),
        frontProxyCa,
        frontProxyCa.issueClientCertificate(FRONT_PROXY_CLIENT, List.of(), LEAF_VALIDITY),
        KeyType.ECDSA_P256.generateKeyPair(random),
        Base64.getUrlEncoder().withoutPadding().encodeToString(token));
  }

  /** 127.0.0.1 for clients on this host and 10.0.0.1, the kubernetes Service's cluster IP. */
  private static List<InetAddress> apiServerAddresses() {
    try {
      return List.of(
          InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
          InetAddress.getByAddress(new byte[] {10, 0, 0, 1}));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a four-byte address is always valid", e);
    }
  }

  /**
   * Writes every file kube-apiserver and clients read; private keys are readable by the owner only.
   */
  public void writeTo(ControlPlaneLayout layout) {
    writePublic(layout.pki(PkiFile.SERVING_CA), servingCa.certificatePem());
    writePrivate(layout.pki(PkiFile.SERVING_CA_KEY), servingCa.privateKeyPem());
    writePublic(layout.pki(PkiFile.API_SERVER_CERT), apiServerServing.certificatePem());
    writePrivate(layout.pki(PkiFile.API_SERVER_KEY), apiServerServing.privateKeyPem());
    writePublic(layout.pki(PkiFile.CLIENT_CA), clientCa.certificatePem());
    writePrivate(layout.pki(PkiFile.CLIENT_CA_KEY), clientCa.privateKeyPem());
    writePublic(layout.pki(PkiFile.ADMIN_CERT), admin.certificatePem());
    writePrivate(layout.pki(PkiFile.ADMIN_KEY), admin.privateKeyPem());
    writePublic(layout.pki(PkiFile.FRONT_PROXY_CA), frontProxyCa.certificatePem());
    writePrivate(layout.pki(PkiFile.FRONT_PROXY_CA_KEY), frontProxyCa.privateKeyPem());
    writePublic(layout.pki(PkiFile.FRONT_PROXY_CLIENT_CERT), frontProxyClient.certificatePem());
    writePrivate(layout.pki(PkiFile.FRONT_PROXY_CLIENT_KEY), frontProxyClient.privateKeyPem());
    writePublic(
        layout.pki(PkiFile.SERVICE_ACCOUNT_PUBLIC_KEY),
        Pem.encodePublicKey(serviceAccountSigningKey.getPublic()));
    writePrivate(
        layout.pki(PkiFile.SERVICE_ACCOUNT_KEY),
        Pem.encodePrivateKey(serviceAccountSigningKey.getPrivate()));
    // kube-apiserver's token file is CSV: token,user,uid,"group1,group2".
    writePrivate(
        layout.pki(PkiFile.STATIC_TOKENS),
        staticUserToken + "," + STATIC_USER + "," + STATIC_USER + ",\"" + STATIC_GROUP + "\"\n");
  }

  private static void writePublic(Path file, String content) {
    write(file, content, "rw-r--r--");
  }

  private static void writePrivate(Path file, String content) {
    write(file, content, "rw-------");
  }

  private static void write(Path file, String content, String permissions) {
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
      Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public String toString() {
    return "ControlPlaneCredentials[servingCa="
        + servingCa
        + ", clientCa="
        + clientCa
        + ", frontProxyCa="
        + frontProxyCa
        + ", keys and token redacted]";
  }
}

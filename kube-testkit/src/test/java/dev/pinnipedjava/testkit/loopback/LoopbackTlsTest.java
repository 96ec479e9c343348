package dev.pinnipedjava.testkit.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.pki.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackTlsTest {
  @TempDir Path temp;

  private final LoopbackTls tls = LoopbackTls.create("unit");

  @Test
  void theServingCertificateNamesLoopbackAndIsSignedByTheCa() throws Exception {
    X509Certificate serving = Pem.decodeCertificate(tls.certificatePem());
    X509Certificate ca = Pem.decodeCertificate(tls.caPem());

    serving.verify(ca.getPublicKey());
    assertThat(subjectAlternativeNames(serving))
        .containsExactlyInAnyOrder("127.0.0.1", "localhost");
    assertThat(serving.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
  }

  @Test
  void theKeyIsWrittenInTheTraditionalFormForOnlyTheOwner() throws IOException {
    TlsFiles files = tls.writeTo(temp.resolve("tls"));

    assertThat(Files.readString(files.privateKey(), StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN EC PRIVATE KEY-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.privateKey())))
        .isEqualTo("rw-------");
    assertThat(Files.readString(files.caCertificate(), StandardCharsets.US_ASCII))
        .isEqualTo(tls.caPem());
    assertThat(Files.readString(files.certificate(), StandardCharsets.US_ASCII))
        .isEqualTo(tls.certificatePem());
  }

  @Test
  void theStringFormHidesTheKey() {
    assertThat(tls.toString()).contains("redacted").doesNotContain("PRIVATE KEY");
  }

  private static List<String> subjectAlternativeNames(X509Certificate certificate)
      throws CertificateParsingException {
    return Objects.requireNonNull(certificate.getSubjectAlternativeNames()).stream()
        .map(name -> (String) name.get(1))
        .toList();
  }
}

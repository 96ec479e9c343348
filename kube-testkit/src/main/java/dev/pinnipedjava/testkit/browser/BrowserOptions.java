package dev.pinnipedjava.testkit.browser;

import java.util.List;

/**
 * How a {@link Browser} treats TLS. Preferred: trust exactly the test CAs that signed the loopback
 * servers the test visits ({@link #trusting}), so that the browser checks certificates as it would
 * in production. {@link #ignoringCertificateErrors()} turns all checks off, for a test that visits
 * a server whose CA it cannot get.
 */
public record BrowserOptions(List<String> trustedCaPems, boolean ignoreCertificateErrors) {
  public BrowserOptions {
    trustedCaPems = List.copyOf(trustedCaPems);
  }

  /** Trusts the given CA certificates (PEM) in addition to nothing else a test would reach. */
  public static BrowserOptions trusting(String... caPems) {
    return new BrowserOptions(List.of(caPems), false);
  }

  /** Chromium's {@code --ignore-certificate-errors}: any certificate is accepted. */
  public static BrowserOptions ignoringCertificateErrors() {
    return new BrowserOptions(List.of(), true);
  }
}

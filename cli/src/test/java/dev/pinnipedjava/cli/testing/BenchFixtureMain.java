package dev.pinnipedjava.cli.testing;

import dev.pinnipedjava.pki.CertificateAuthority;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * The loopback servers of {@code hack/bench-cli.sh}, on the real clock: a Supervisor ({@link
 * FakeOidcProvider} with one LDAP identity provider, cli_password flow) and a Concierge issuing
 * real client certificates. Prints their addresses, CAs and credentials as {@code name=value}
 * lines, serves until stdin closes, then prints {@code refreshes=<n>} (the refresh grants the
 * Supervisor answered, so the script can check that each timed refresh reached it).
 */
public final class BenchFixtureMain {

  private BenchFixtureMain() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Clock clock = Clock.systemUTC();
    CertificateAuthority clientCa =
        CertificateAuthority.create(
            "bench-client-ca", Duration.ofHours(1), clock, new SecureRandom());
    try (FakeOidcProvider provider = new FakeOidcProvider(clock);
        FakeConcierge concierge = FakeConcierge.issuingCertificates(clock, clientCa)) {
      provider.supervisorIdps =
          "[{\"name\":\"bench-ldap\",\"type\":\"ldap\",\"flows\":[\"cli_password\"]}]";
      out.println("issuer=" + provider.issuer());
      out.println("ca=" + provider.server().caBase64());
      out.println("username=" + FakeOidcProvider.USERNAME);
      out.println("password=" + FakeOidcProvider.PASSWORD);
      out.println("concierge=" + concierge.server().url());
      out.println("concierge-ca=" + concierge.server().caBase64());
      out.println("concierge-token=" + FakeConcierge.GOOD_TOKEN);
      while (System.in.read() >= 0) {
        // Serve until the script closes our stdin.
      }
      out.println("refreshes=" + provider.tokenRequests("refresh_token"));
    }
  }
}

package dev.pinnipedjava.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.cli.testing.LoopbackHttpsServer.Request;
import dev.pinnipedjava.cli.testing.LoopbackHttpsServer.Response;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The Concierge's TokenCredentialRequest endpoint over real HTTPS: token {@code good-token} gets a
 * client certificate valid for five minutes, any other token gets Pinniped's generic failure.
 */
public final class FakeConcierge implements AutoCloseable {

  public static final String GOOD_TOKEN = "good-token";
  public static final String CERTIFICATE =
      "-----BEGIN CERTIFICATE-----\nfake\n-----END CERTIFICATE-----\n";
  public static final String KEY = "-----BEGIN PRIVATE KEY-----\nfake\n-----END PRIVATE KEY-----\n";
  public static final String USERNAME = "concierge-user";
  public static final String GROUP = "concierge-group";
  public static final Duration LIFETIME = Duration.ofMinutes(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoopbackHttpsServer server = LoopbackHttpsServer.start();
  private final Clock clock;
  private final String suffix;
  private final Predicate<String> acceptsToken;
  private final @Nullable CertificateAuthority clientCa;

  public FakeConcierge(Clock clock) {
    this(clock, "pinniped.dev", GOOD_TOKEN::equals);
  }

  public FakeConcierge(Clock clock, String suffix) {
    this(clock, suffix, GOOD_TOKEN::equals);
  }

  /** A Concierge that gives a credential for every token the predicate accepts. */
  public FakeConcierge(Clock clock, String suffix, Predicate<String> acceptsToken) {
    this(clock, suffix, acceptsToken, null);
  }

  private FakeConcierge(
      Clock clock,
      String suffix,
      Predicate<String> acceptsToken,
      @Nullable CertificateAuthority clientCa) {
    this.clock = clock;
    this.suffix = suffix;
    this.acceptsToken = acceptsToken;
    this.clientCa = clientCa;
    server.on(path(), this::answer);
  }

  /**
   * A Concierge that answers {@link #GOOD_TOKEN} with a real client certificate from {@code
   * clientCa}, for user {@link #USERNAME} in group {@link #GROUP}, as the real Concierge does.
   */
  public static FakeConcierge issuingCertificates(Clock clock, CertificateAuthority clientCa) {
    return new FakeConcierge(clock, "pinniped.dev", GOOD_TOKEN::equals, clientCa);
  }

  public String path() {
    return "/apis/login.concierge." + suffix + "/v1alpha1/tokencredentialrequests";
  }

  public LoopbackHttpsServer server() {
    return server;
  }

  public long requestCount() {
    return server.requestCount(path());
  }

  private Response answer(Request request) {
    JsonNode body;
    try {
      body = JSON.readTree(request.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!acceptsToken.test(body.path("spec").path("token").asText())) {
      return Response.json(
          201,
          "{\"kind\":\"TokenCredentialRequest\",\"apiVersion\":\"login.concierge.%s/v1alpha1\",\"status\":{\"message\":\"authentication failed\"}}"
              .formatted(suffix));
    }
    String expiry = clock.instant().plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS).toString();
    String certificate = CERTIFICATE;
    String key = KEY;
    if (clientCa != null) {
      IssuedCertificate issued =
          clientCa.issueClientCertificate(USERNAME, List.of(GROUP), LIFETIME);
      certificate = issued.certificatePem();
      key = issued.privateKeyPem();
    }
    String credential =
        JSON.createObjectNode()
            .put("expirationTimestamp", expiry)
            .put("clientCertificateData", certificate)
            .put("clientKeyData", key)
            .toString();
    return Response.json(
        201,
        "{\"kind\":\"TokenCredentialRequest\",\"apiVersion\":\"login.concierge.%s/v1alpha1\",\"status\":{\"credential\":%s}}"
            .formatted(suffix, credential));
  }

  @Override
  public void close() {
    server.close();
  }
}

package dev.pinnipedjava.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.cli.credentialcache.CredentialCacheDocument;
import dev.pinnipedjava.cli.credentialcache.CredentialCacheKey;
import dev.pinnipedjava.cli.kubejson.KubeJson;
import dev.pinnipedjava.cli.testing.CliRun;
import dev.pinnipedjava.cli.testing.CliRun.Result;
import dev.pinnipedjava.cli.testing.FakeConcierge;
import dev.pinnipedjava.cli.testing.LoopbackHttpsServer;
import dev.pinnipedjava.cli.testing.LoopbackHttpsServer.Request;
import dev.pinnipedjava.cli.testing.LoopbackHttpsServer.Response;
import dev.pinnipedjava.testkit.clock.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LoginStaticCommandTest {

  private static final Instant START = Instant.parse("2025-06-01T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private final MutableClock clock = new MutableClock(START);
  private final FakeConcierge concierge = new FakeConcierge(clock);

  @AfterEach
  void stop() {
    concierge.close();
  }

  private CliRun cli() {
    return new CliRun().home(home).clock(clock);
  }

  private String[] conciergeArgs(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "login",
                "static",
                "--enable-concierge",
                "--concierge-endpoint=" + concierge.server().url(),
                "--concierge-ca-bundle-data=" + concierge.server().caBase64(),
                "--concierge-authenticator-type=webhook",
                "--concierge-authenticator-name=my-webhook"));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  record FlagCase(
      String name, Map<String, String> env, List<String> args, int wantExit, String wantStderr) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<FlagCase> flagCases() {
    String ca =
        Base64.getEncoder()
            .encodeToString("no certificate here".getBytes(StandardCharsets.US_ASCII));
    List<String> concierge =
        List.of(
            "--token=t",
            "--enable-concierge",
            "--concierge-authenticator-type=jwt",
            "--concierge-authenticator-name=a");
    return Stream.of(
        new FlagCase(
            "no token",
            Map.of(),
            List.of(),
            1,
            "Error: one of --token or --token-env must be set\n"),
        new FlagCase(
            "unset token variable",
            Map.of(),
            List.of("--token-env=NOPE"),
            1,
            "Error: --token-env variable \"NOPE\" is not set\n"),
        new FlagCase(
            "empty token variable",
            Map.of("EMPTY", ""),
            List.of("--token-env=EMPTY"),
            1,
            "Error: --token-env variable \"EMPTY\" is empty\n"),
        new FlagCase(
            "concierge without endpoint",
            Map.of(),
            concierge,
            1,
            "Error: invalid Concierge parameters: endpoint must not be empty\n"),
        new FlagCase(
            "concierge over http",
            Map.of(),
            plus(concierge, "--concierge-endpoint=http://example.com"),
            1,
            "Error: invalid Concierge parameters: invalid endpoint scheme \"http\" (must be \"https\")\n"),
        new FlagCase(
            "CA bundle that is not base64",
            Map.of(),
            plus(
                concierge,
                "--concierge-endpoint=https://example.com",
                "--concierge-ca-bundle-data=%%%"),
            1,
            "Error: invalid Concierge parameters: invalid CA bundle data: Illegal base64 character 25\n"),
        new FlagCase(
            "CA bundle without certificates",
            Map.of(),
            plus(
                concierge,
                "--concierge-endpoint=https://example.com",
                "--concierge-ca-bundle-data=" + ca),
            1,
            "Error: invalid Concierge parameters: invalid CA bundle data: no certificates found\n"),
        new FlagCase(
            "no authenticator name",
            Map.of(),
            List.of("--token=t", "--enable-concierge", "--concierge-endpoint=https://example.com"),
            1,
            "Error: invalid Concierge parameters: authenticator name must not be empty\n"),
        new FlagCase(
            "unknown authenticator type",
            Map.of(),
            List.of(
                "--token=t",
                "--enable-concierge",
                "--concierge-endpoint=https://example.com",
                "--concierge-authenticator-type=oidc",
                "--concierge-authenticator-name=a"),
            1,
            "Error: invalid Concierge parameters: invalid authenticator type: \"oidc\", supported values are \"webhook\" and \"jwt\"\n"),
        new FlagCase(
            "API group suffix without a dot",
            Map.of(),
            plus(
                concierge,
                "--concierge-endpoint=https://example.com",
                "--concierge-api-group-suffix=nodot"),
            1,
            "Error: invalid Concierge parameters: invalid API group suffix: must contain '.'\n"),
        new FlagCase(
            "unknown flag",
            Map.of(),
            List.of("--token=t", "--bogus"),
            2,
            "Error: Unknown option: '--bogus'\nRun 'pinniped-java login static --help' for usage.\n"),
        new FlagCase(
            "positional argument",
            Map.of(),
            List.of("--token=t", "extra"),
            2,
            "Error: Unmatched argument at index 3: 'extra'\nRun 'pinniped-java login static --help' for usage.\n"));
  }

  private static List<String> plus(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flagCases")
  void rejectsBadFlagsWithAMessageAndNoStackTrace(FlagCase c) {
    CliRun cli = cli();
    c.env().forEach(cli::env);
    List<String> args = new ArrayList<>(List.of("login", "static"));
    args.addAll(c.args());

    Result result = cli.run(args.toArray(String[]::new));

    assertThat(result.exitCode()).isEqualTo(c.wantExit());
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).isEqualTo(c.wantStderr());
    assertThat(concierge.requestCount()).isZero();
  }

  @Test
  void withoutTheConciergeTheTokenPassesThroughWithoutExpiryAndNothingIsCached() {
    Result result = cli().run("login", "static", "--token", "my-token");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout())
        .isEqualTo(
            "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\","
                + "\"spec\":{\"interactive\":false},\"status\":{\"token\":\"my-token\"}}\n");
    assertThat(result.stderr()).isEmpty();
    assertThat(home.resolve(".config/pinniped")).doesNotExist();
  }

  @Test
  void tokenEnvWinsOverTokenAndTheAnswerUsesTheVersionKubectlAskedFor() {
    Result result =
        cli()
            .env("MY_TOKEN", "from-env")
            .env(
                "KUBERNETES_EXEC_INFO",
                "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\","
                    + "\"spec\":{\"interactive\":false}}")
            .run(
                "login",
                "static",
                "--token=from-flag",
                "--token-env=MY_TOKEN",
                "--enable-concierge=false");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout())
        .isEqualTo(
            "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\","
                + "\"spec\":{\"interactive\":false},\"status\":{\"token\":\"from-env\"}}\n");
  }

  @Test
  void exchangesTheTokenAtTheConciergeAnonymouslyAndCachesTheCredential() throws IOException {
    String[] args = conciergeArgs("--token=" + FakeConcierge.GOOD_TOKEN);

    Result result = cli().run(args);

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stderr()).isEmpty();
    JsonNode output = JSON.readTree(result.stdout());
    assertThat(output.path("apiVersion").asText())
        .isEqualTo("client.authentication.k8s.io/v1beta1");
    assertThat(output.path("status").path("clientCertificateData").asText())
        .isEqualTo(FakeConcierge.CERTIFICATE);
    assertThat(output.path("status").path("clientKeyData").asText()).isEqualTo(FakeConcierge.KEY);
    assertThat(output.path("status").path("expirationTimestamp").asText())
        .isEqualTo("2025-06-01T12:05:00Z");
    assertThat(result.stdout()).endsWith("}\n").doesNotContain("\n{");

    Request request = concierge.server().requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.authorization()).as("the exchange is anonymous").isNull();
    assertThat(request.contentType()).isEqualTo("application/json");
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.path("apiVersion").asText()).isEqualTo("login.concierge.pinniped.dev/v1alpha1");
    assertThat(body.path("kind").asText()).isEqualTo("TokenCredentialRequest");
    assertThat(body.path("spec").path("token").asText()).isEqualTo(FakeConcierge.GOOD_TOKEN);
    assertThat(body.path("spec").path("authenticator"))
        .isEqualTo(
            JSON.readTree(
                "{\"apiGroup\":\"authentication.concierge.pinniped.dev\",\"kind\":\"WebhookAuthenticator\",\"name\":\"my-webhook\"}"));

    CredentialCacheDocument cache =
        KubeJson.yaml()
            .readValue(
                home.resolve(".config/pinniped/credentials.yaml").toFile(),
                CredentialCacheDocument.class);
    assertThat(cache.credentials())
        .singleElement()
        .extracting(CredentialCacheDocument.Entry::key)
        .as("the key hashes the whole command line and the token, as Pinniped's does")
        .isEqualTo(
            CredentialCacheKey.forStaticLogin(List.of(args), FakeConcierge.GOOD_TOKEN, null).hex());
  }

  @Test
  void aCachedCredentialIsServedWithoutARequestUntilItExpires() {
    String[] args = conciergeArgs("--token=" + FakeConcierge.GOOD_TOKEN);
    Result first = cli().run(args);

    clock.advance(Duration.ofMinutes(4));
    Result second = cli().run(args);

    assertThat(second.exitCode()).isZero();
    assertThat(second.stdout()).isEqualTo(first.stdout());
    assertThat(concierge.requestCount()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    Result third = cli().run(args);

    assertThat(third.exitCode()).isZero();
    assertThat(concierge.requestCount()).as("the expired credential was replaced").isEqualTo(2);
    assertThat(third.stdout()).contains("\"expirationTimestamp\":\"2025-06-01T12:10:01Z\"");
  }

  @Test
  void theCacheKeyIncludesTheClusterKubectlDescribes() {
    String[] args = conciergeArgs("--token=" + FakeConcierge.GOOD_TOKEN);
    cli().env("KUBERNETES_EXEC_INFO", execInfo("https://cluster-a")).run(args);
    cli().env("KUBERNETES_EXEC_INFO", execInfo("https://cluster-b")).run(args);
    cli().env("KUBERNETES_EXEC_INFO", execInfo("https://cluster-a")).run(args);

    assertThat(concierge.requestCount()).isEqualTo(2);
  }

  private static String execInfo(String server) {
    return "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\","
        + "\"spec\":{\"cluster\":{\"server\":\""
        + server
        + "\"},\"interactive\":false}}";
  }

  @Test
  void anEmptyCredentialCachePathDisablesTheCache() {
    String[] args = conciergeArgs("--token=" + FakeConcierge.GOOD_TOKEN, "--credential-cache=");
    cli().run(args);
    cli().run(args);

    assertThat(concierge.requestCount()).isEqualTo(2);
    assertThat(home.resolve(".config/pinniped")).doesNotExist();
  }

  @Test
  void xdgConfigHomeMovesTheCache() {
    Path xdg = home.resolve("xdg");
    cli()
        .env("XDG_CONFIG_HOME", xdg.toString())
        .run(conciergeArgs("--token=" + FakeConcierge.GOOD_TOKEN));

    assertThat(xdg.resolve("pinniped/credentials.yaml")).exists();
  }

  @Test
  void aRefusedTokenIsALoginFailureAndIsNotCached() {
    Result result = cli().run(conciergeArgs("--token=bad-token"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .isEqualTo(
            "Error: could not complete Concierge credential exchange: login failed: authentication failed\n");
    assertThat(home.resolve(".config/pinniped/credentials.yaml")).doesNotExist();
  }

  record ServerFailureCase(String name, Response response, String wantStderr) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ServerFailureCase> serverFailures() {
    return Stream.of(
        new ServerFailureCase(
            "no credential and no message",
            Response.json(201, "{\"kind\":\"TokenCredentialRequest\",\"status\":{}}"),
            "Error: could not complete Concierge credential exchange: login failed: unknown cause\n"),
        new ServerFailureCase(
            "a Kubernetes Status error",
            Response.json(
                403,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"tokencredentialrequests.login.concierge.pinniped.dev is forbidden\",\"reason\":\"Forbidden\",\"code\":403}"),
            "Error: could not complete Concierge credential exchange: could not login: tokencredentialrequests.login.concierge.pinniped.dev is forbidden\n"),
        new ServerFailureCase(
            "a 404 without a Status",
            new Response(404, "404 page not found", Map.of("Content-Type", "text/plain")),
            "Error: could not complete Concierge credential exchange: could not login: the server could not find the requested resource\n"),
        new ServerFailureCase(
            "an answer that is not JSON",
            Response.json(201, "<html>"),
            "Error: could not complete Concierge credential exchange: could not login: could not read the answer of Post"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serverFailures")
  void serverFailuresAreExplained(ServerFailureCase c) {
    concierge.server().on(concierge.path(), request -> c.response());

    Result result = cli().run(conciergeArgs("--token=" + FakeConcierge.GOOD_TOKEN));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).startsWith(c.wantStderr()).doesNotContain("\tat ");
  }

  @Test
  void anUnreachableConciergeIsExplained() {
    String url = concierge.server().url().toString();
    concierge.close();

    Result result = cli().run(conciergeArgs("--token=" + FakeConcierge.GOOD_TOKEN));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "Error: could not complete Concierge credential exchange: could not login: Post \"%s/apis/login.concierge.pinniped.dev/v1alpha1/tokencredentialrequests\": connection refused\n"
                .formatted(url));
  }

  @Test
  void aConciergeWithAnUntrustedCertificateIsRefused() {
    try (LoopbackHttpsServer other = LoopbackHttpsServer.start()) {
      Result result =
          cli()
              .run(
                  "login",
                  "static",
                  "--token=" + FakeConcierge.GOOD_TOKEN,
                  "--enable-concierge",
                  "--concierge-endpoint=" + concierge.server().url(),
                  "--concierge-ca-bundle-data=" + other.caBase64(),
                  "--concierge-authenticator-type=jwt",
                  "--concierge-authenticator-name=a");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.stderr())
          .startsWith(
              "Error: could not complete Concierge credential exchange: could not login: Post")
          .doesNotContain("\tat ");
      assertThat(concierge.requestCount()).isZero();
    }
  }

  @Test
  void aCustomApiGroupSuffixChangesThePathAndTheAuthenticatorGroup() throws IOException {
    try (FakeConcierge tuna = new FakeConcierge(clock, "tuna.io")) {
      Result result =
          cli()
              .run(
                  "login",
                  "static",
                  "--token=" + FakeConcierge.GOOD_TOKEN,
                  "--enable-concierge",
                  "--concierge-endpoint=" + tuna.server().url(),
                  "--concierge-ca-bundle-data=" + tuna.server().caBase64(),
                  "--concierge-authenticator-type=JWT",
                  "--concierge-authenticator-name=a",
                  "--concierge-api-group-suffix=tuna.io");

      assertThat(result.exitCode()).as(result.stderr()).isZero();
      JsonNode body = JSON.readTree(tuna.server().requests().get(0).body());
      assertThat(body.path("apiVersion").asText()).isEqualTo("login.concierge.tuna.io/v1alpha1");
      assertThat(body.path("spec").path("authenticator").path("apiGroup").asText())
          .isEqualTo("authentication.concierge.tuna.io");
      assertThat(body.path("spec").path("authenticator").path("kind").asText())
          .isEqualTo("JWTAuthenticator");
    }
  }

  @Test
  void theDeprecatedNamespaceFlagIsAcceptedWithANotice() {
    Result result = cli().run("login", "static", "--token=t", "--concierge-namespace=ns");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stderr())
        .isEqualTo("Flag --concierge-namespace has been deprecated, not needed anymore\n");
    assertThat(result.stdout()).contains("\"token\":\"t\"");
  }

  @Test
  void debugLoggingGoesToStderrAndNeverShowsTheToken() {
    Result result =
        cli()
            .env("PINNIPED_DEBUG", "true")
            .run(conciergeArgs("--token=" + FakeConcierge.GOOD_TOKEN));

    assertThat(result.exitCode()).isZero();
    assertThat(result.stderr())
        .contains("exchanging static token for cluster credential")
        .doesNotContain(FakeConcierge.GOOD_TOKEN);
    assertThat(result.stdout()).doesNotContain("debug");
  }
}

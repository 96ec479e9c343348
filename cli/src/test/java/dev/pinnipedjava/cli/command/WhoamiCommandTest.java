package dev.pinnipedjava.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.cli.testing.CliRun;
import dev.pinnipedjava.cli.testing.CliRun.Result;
import dev.pinnipedjava.cli.testing.LoopbackHttpsServer;
import dev.pinnipedjava.cli.testing.LoopbackHttpsServer.Request;
import dev.pinnipedjava.cli.testing.LoopbackHttpsServer.Response;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** whoami against a loopback HTTPS stand-in for the Concierge's identity API. */
class WhoamiCommandTest {

  private static final String PATH =
      "/apis/identity.concierge.pinniped.dev/v1alpha1/whoamirequests";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private final LoopbackHttpsServer server = LoopbackHttpsServer.start();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
  }

  WhoamiCommandTest() {
    server.on(PATH, WhoamiCommandTest::answer);
  }

  /** Bearer token "good" is some-username; anything else is unauthorized. */
  private static Response answer(Request request) {
    if (!"Bearer good".equals(request.authorization()) && request.clientSubject() == null) {
      return Response.json(
          401,
          "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}");
    }
    String username = request.clientSubject() == null ? "some-username" : request.clientSubject();
    return Response.json(
        201,
        """
        {"kind":"WhoAmIRequest","apiVersion":"identity.concierge.pinniped.dev/v1alpha1",
         "metadata":{"creationTimestamp":null},"spec":{},
         "status":{"kubernetesUserInfo":{"user":{"username":"%s","groups":["some-group-0","some-group-1"]}}}}
        """
            .formatted(username));
  }

  private Path kubeconfig(String userYaml) throws IOException {
    return kubeconfig(server, userYaml);
  }

  private Path kubeconfig(LoopbackHttpsServer target, String userYaml) throws IOException {
    Path file = Files.createTempFile(temp, "kubeconfig", ".yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        current-context: kind-context
        clusters:
        - name: kind-cluster
          cluster:
            server: %s
            certificate-authority-data: %s
        - name: some-other-cluster
          cluster:
            server: %s
            certificate-authority-data: %s
        contexts:
        - name: kind-context
          context: {cluster: kind-cluster, user: the-user}
        - name: some-other-context
          context: {cluster: some-other-cluster, user: the-user}
        users:
        - name: the-user
          user:
        %s
        """
            .formatted(
                target.url(),
                target.caBase64(),
                target.url(),
                target.caBase64(),
                userYaml.indent(4)));
    return file;
  }

  private Result whoami(String... args) {
    return new CliRun()
        .home(temp)
        .run(Stream.concat(Stream.of("whoami"), Stream.of(args)).toArray(String[]::new));
  }

  @Test
  void printsTextLikePinniped() throws IOException {
    Path kubeconfig = kubeconfig("token: good");

    Result result = whoami("--kubeconfig", kubeconfig.toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .isEqualTo(
            """
            Current cluster info:

            Name: kind-cluster
            URL: %s

            Current user info:

            Username: some-username
            Groups: some-group-0, some-group-1
            """
                .formatted(server.url()));
    assertThat(result.stderr()).isEmpty();
    Request request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(JSON.readTree(request.body()).path("kind").asText()).isEqualTo("WhoAmIRequest");
  }

  @Test
  void printsJsonLikePinniped() throws IOException {
    Result result = whoami("--kubeconfig", kubeconfig("token: good").toString(), "-o", "json");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .isEqualTo(
            """
            {
              "kind": "WhoAmIRequest",
              "apiVersion": "identity.concierge.pinniped.dev/v1alpha1",
              "metadata": {
                "creationTimestamp": null
              },
              "spec": {},
              "status": {
                "kubernetesUserInfo": {
                  "user": {
                    "username": "some-username",
                    "groups": [
                      "some-group-0",
                      "some-group-1"
                    ]
                  }
                }
              }
            }
            """);
  }

  @Test
  void printsYamlLikePinnipedWithTheApiGroupSuffix() throws IOException {
    server.on(
        "/apis/identity.concierge.tuna.io/v1alpha1/whoamirequests", WhoamiCommandTest::answer);

    Result result =
        whoami(
            "--kubeconfig",
            kubeconfig("token: good").toString(),
            "--output",
            "yaml",
            "--api-group-suffix",
            "tuna.io");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .isEqualTo(
            """
            apiVersion: identity.concierge.tuna.io/v1alpha1
            kind: WhoAmIRequest
            metadata:
              creationTimestamp: null
            spec: {}
            status:
              kubernetesUserInfo:
                user:
                  groups:
                  - some-group-0
                  - some-group-1
                  username: some-username
            """);
  }

  @Test
  void anotherContextShowsItsCluster() throws IOException {
    Result result =
        whoami(
            "--kubeconfig",
            kubeconfig("token: good").toString(),
            "--kubeconfig-context",
            "some-other-context");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("Name: some-other-cluster\n");
  }

  @Test
  void theKubeconfigVariableMayListSeveralFilesSomeMissing() throws IOException {
    Path kubeconfig = kubeconfig("token: good");

    Result result =
        new CliRun()
            .home(temp)
            .env("KUBECONFIG", temp.resolve("missing.yaml") + ":" + kubeconfig)
            .run("whoami");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("Username: some-username");
  }

  @Test
  void authenticatesWithAClientCertificateFromTheKubeconfig() throws IOException {
    CertificateAuthority clientCa =
        CertificateAuthority.create(
            "client-ca", Duration.ofHours(1), Clock.systemUTC(), new SecureRandom());
    IssuedCertificate certificate =
        clientCa.issueClientCertificate("cert-user", List.of("g"), Duration.ofHours(1));
    try (LoopbackHttpsServer mtls =
        LoopbackHttpsServer.requiringClientCertificates(clientCa.certificate())) {
      mtls.on(PATH, WhoamiCommandTest::answer);
      Path kubeconfig =
          kubeconfig(
              mtls,
              """
              client-certificate-data: %s
              client-key-data: %s
              """
                  .formatted(
                      base64(certificate.certificatePem()), base64(certificate.privateKeyPem())));

      Result result = whoami("--kubeconfig", kubeconfig.toString());

      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stdout()).contains("Username: CN=cert-user,O=g");
    }
  }

  @Test
  void runsTheExecPluginAsKubectlWouldAndUsesItsCredential() throws IOException {
    Path execInfo = temp.resolve("exec-info.json");
    Path plugin =
        script(
            "plugin.sh",
            """
            #!/bin/sh
            printf '%%s' "$KUBERNETES_EXEC_INFO" > '%s'
            echo "plugin says hello on stderr: $GREETING" >&2
            echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"good"}}'
            """
                .formatted(execInfo));
    Path kubeconfig =
        kubeconfig(
            """
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: %s
              args: [login, static]
              env: [{name: GREETING, value: hi}]
              provideClusterInfo: true
            """
                .formatted(plugin));

    Result result = whoami("--kubeconfig", kubeconfig.toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("Username: some-username");
    assertThat(result.stderr()).isEqualTo("plugin says hello on stderr: hi\n");
    JsonNode info = JSON.readTree(Files.readString(execInfo));
    assertThat(info.path("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1beta1");
    assertThat(info.path("spec").path("interactive").asBoolean(true)).isFalse();
    assertThat(info.path("spec").path("cluster").path("server").asText())
        .isEqualTo(server.url().toString());
    assertThat(
            new String(
                Base64.getDecoder()
                    .decode(
                        info.path("spec")
                            .path("cluster")
                            .path("certificate-authority-data")
                            .asText()),
                StandardCharsets.US_ASCII))
        .isEqualTo(server.caPem());
  }

  record FailureCase(String name, String userYaml, List<String> extraArgs, String wantStderrStart) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<FailureCase> failures() {
    return Stream.of(
        new FailureCase(
            "rejected credentials",
            "token: bad",
            List.of(),
            "Error: could not complete WhoAmIRequest: Unauthorized\n"),
        new FailureCase(
            "unknown output format",
            "token: good",
            List.of("-o", "xml"),
            "Error: could not write output: unknown output format: \"xml\"\n"),
        new FailureCase(
            "unknown context",
            "token: good",
            List.of("--kubeconfig-context", "invalid"),
            "Error: could not configure Kubernetes client: context was not found for specified context: invalid\n"),
        new FailureCase(
            "bad API group suffix",
            "token: good",
            List.of("--api-group-suffix", "Nope"),
            "Error: could not configure Kubernetes client: invalid API group suffix: [must contain '.', a lowercase RFC 1123 subdomain"),
        new FailureCase(
            "a failing plugin",
            "exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: /bin/false}",
            List.of(),
            "Error: could not configure Kubernetes client: exec: executable /bin/false failed with exit code 1\n"),
        new FailureCase(
            "a missing plugin with an install hint",
            "exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: no-such-plugin-anywhere, installHint: install it}",
            List.of(),
            "Error: could not configure Kubernetes client: exec: executable no-such-plugin-anywhere not found\n\ninstall it\n"),
        new FailureCase(
            "a plugin answering in the wrong version",
            "exec: {apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never, command: /bin/echo, args: ['{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"status\":{\"token\":\"good\"}}']}",
            List.of(),
            "Error: could not configure Kubernetes client: exec plugin is configured to use API version client.authentication.k8s.io/v1, plugin returned version client.authentication.k8s.io/v1beta1\n"),
        new FailureCase(
            "an interactive-only plugin without a terminal",
            "exec: {apiVersion: client.authentication.k8s.io/v1, interactiveMode: Always, command: /bin/true}",
            List.of(),
            "Error: could not configure Kubernetes client: exec plugin cannot support interactive mode: standard input is not a terminal\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void failuresAreExplainedWithoutAStackTrace(FailureCase c) throws IOException {
    List<String> args =
        new java.util.ArrayList<>(List.of("--kubeconfig", kubeconfig(c.userYaml()).toString()));
    args.addAll(c.extraArgs());

    Result result = whoami(args.toArray(String[]::new));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).startsWith(c.wantStderrStart()).doesNotContain("\tat ");
  }

  @Test
  void aMissingWhoAmIApiGetsAHint() throws IOException {
    server.on(
        PATH,
        request -> new Response(404, "404 page not found", Map.of("Content-Type", "text/plain")));

    Result result = whoami("--kubeconfig", kubeconfig("token: good").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "Error: could not complete WhoAmIRequest (is the Pinniped WhoAmI API running and healthy?): the server could not find the requested resource\n");
  }

  @Test
  void aMissingKubeconfigIsExplained() {
    Path missing = temp.resolve("this-file-does-not-exist");

    Result result = whoami("--kubeconfig", missing.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "Error: could not get current cluster info: stat %s: no such file or directory\n"
                .formatted(missing));
  }

  @Test
  void theTimeoutBoundsTheApiCall() throws IOException {
    server.on(
        PATH,
        request -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Response.json(500, "{}");
        });

    Result result =
        whoami("--kubeconfig", kubeconfig("token: good").toString(), "--timeout", "300ms");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .startsWith("Error: could not complete WhoAmIRequest: Post \"")
        .endsWith("\": request timed out\n");
  }

  private Path script(String name, String content) throws IOException {
    Path file = temp.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }
}

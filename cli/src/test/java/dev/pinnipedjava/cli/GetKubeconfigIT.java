package dev.pinnipedjava.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pinnipedjava.cli.testing.CliRun;
import dev.pinnipedjava.cli.testing.FakeOidcProvider;
import dev.pinnipedjava.cli.testing.LoopbackHttpsServer;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.KubectlResult;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code get kubeconfig} against a real kube-apiserver holding the Concierge's CRDs and objects
 * each case creates (CredentialIssuer with a status, JWT and webhook authenticators), and a
 * loopback Supervisor for identity provider discovery. The last test hands a generated kubeconfig
 * to the real kubectl.
 */
@WithKubeControlPlane
class GetKubeconfigIT {

  private static final String SELF = "/opt/pinniped-java/bin/pinniped-java";
  private static final ObjectMapper YAML = new YAMLMapper();

  @TempDir Path temp;

  private final KubeControlPlane controlPlane;
  private final FakeOidcProvider supervisor = new FakeOidcProvider(Clock.systemUTC());
  private final LoopbackHttpsServer impersonationProxy = LoopbackHttpsServer.start();

  GetKubeconfigIT(KubeControlPlane controlPlane) {
    this.controlPlane = controlPlane;
  }

  @BeforeEach
  void installCrdsAndStartEmpty() {
    Path crds = deployDirectory().resolve("concierge/crds");
    admin("apply", "-f", crds.toString());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                controlPlane
                    .kubectl(
                        controlPlane.adminKubeconfig(),
                        "get",
                        "credentialissuers,jwtauthenticators,webhookauthenticators")
                    .succeeded());
    deleteConciergeObjects();
  }

  @AfterEach
  void cleanUp() {
    deleteConciergeObjects();
    supervisor.close();
    impersonationProxy.close();
  }

  private void deleteConciergeObjects() {
    admin(
        "delete",
        "credentialissuers,jwtauthenticators,webhookauthenticators",
        "--all",
        "--wait=true");
    admin(
        "delete",
        "apiservices.apiregistration.k8s.io",
        "v1alpha1.login.concierge.pinniped.dev",
        "--ignore-not-found");
    admin("delete", "namespace", "concierge-ns", "--ignore-not-found", "--wait=false");
  }

  private static Path deployDirectory() {
    String directory = System.getProperty("pinniped.deployDirectory");
    assertThat(directory)
        .as(
            "system property pinniped.deployDirectory (set by the cli pom's surefire configuration)")
        .isNotNull();
    Path path = Path.of(directory == null ? "" : directory);
    assertThat(path.resolve("concierge/crds"))
        .as("the Concierge CRDs of the repository's deploy directory")
        .isDirectory();
    return path;
  }

  private KubectlResult admin(String... args) {
    return controlPlane.kubectl(controlPlane.adminKubeconfig(), args).assertSuccess();
  }

  private void apply(String yaml) {
    controlPlane
        .kubectl(controlPlane.adminKubeconfig(), yaml, List.of("apply", "-f", "-"))
        .assertSuccess();
  }

  // ---- cluster state -------------------------------------------------------------------------

  /** What a case puts into the cluster before running the command. */
  @FunctionalInterface
  interface Setup {
    void apply(GetKubeconfigIT test) throws Exception;
  }

  void credentialIssuer(String name, String... strategies) {
    apply(
        """
        apiVersion: config.concierge.pinniped.dev/v1alpha1
        kind: CredentialIssuer
        metadata: {name: %s}
        spec:
          impersonationProxy: {mode: auto, service: {type: LoadBalancer}}
        """
            .formatted(name));
    admin(
        "patch",
        "credentialissuer",
        name,
        "--subresource=status",
        "--type=merge",
        "-p",
        "{\"status\":{\"strategies\":[" + String.join(",", strategies) + "]}}");
  }

  String tokenCredentialRequestStrategy() {
    return strategy(
        "KubeClusterSigningCertificate",
        "Success",
        "FetchedKey",
        "{\"type\":\"TokenCredentialRequestAPI\",\"tokenCredentialRequestInfo\":{\"server\":\"%s\",\"certificateAuthorityData\":\"%s\"}}"
            .formatted(controlPlane.apiServerUrl(), clusterCaBase64()));
  }

  String impersonationProxyStrategy() {
    return strategy(
        "ImpersonationProxy",
        "Success",
        "Listening",
        "{\"type\":\"ImpersonationProxy\",\"impersonationProxyInfo\":{\"endpoint\":\"%s\",\"certificateAuthorityData\":\"%s\"}}"
            .formatted(impersonationProxy.url(), impersonationProxy.caBase64()));
  }

  static String failedStrategy() {
    return strategy("KubeClusterSigningCertificate", "Error", "CouldNotFetchKey", null);
  }

  static String pendingStrategy() {
    return strategy("ImpersonationProxy", "Error", "Pending", null);
  }

  private static String strategy(
      String type,
      String status,
      String reason,
      @org.jspecify.annotations.Nullable String frontend) {
    return "{\"type\":\"%s\",\"status\":\"%s\",\"reason\":\"%s\",\"message\":\"test\",\"lastUpdateTime\":\"2025-06-01T12:00:00Z\"%s}"
        .formatted(type, status, reason, frontend == null ? "" : ",\"frontend\":" + frontend);
  }

  void webhookAuthenticator(String name) {
    apply(
        """
        apiVersion: authentication.concierge.pinniped.dev/v1alpha1
        kind: WebhookAuthenticator
        metadata: {name: %s}
        spec: {endpoint: "https://webhook.example.com/authenticate"}
        """
            .formatted(name));
  }

  void jwtAuthenticator(String name, String tls) {
    apply(
        """
        apiVersion: authentication.concierge.pinniped.dev/v1alpha1
        kind: JWTAuthenticator
        metadata: {name: %s}
        spec:
          issuer: "%s"
          audience: my-cluster-audience
          tls: %s
        """
            .formatted(name, supervisor.issuer(), tls));
  }

  String supervisorCaInline() {
    return "{certificateAuthorityData: \"%s\"}".formatted(supervisor.server().caBase64());
  }

  /** The Supervisor's CA in a Secret of the Concierge's namespace, which an APIService names. */
  void supervisorCaInSecret() {
    apply(
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: concierge-ns}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: supervisor-ca, namespace: concierge-ns}
        type: Opaque
        data: {ca.crt: "%s"}
        ---
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata: {name: v1alpha1.login.concierge.pinniped.dev}
        spec:
          group: login.concierge.pinniped.dev
          version: v1alpha1
          groupPriorityMinimum: 9900
          versionPriority: 15
          insecureSkipTLSVerify: true
          service: {name: pinniped-concierge-api, namespace: concierge-ns, port: 443}
        """
            .formatted(supervisor.server().caBase64()));
  }

  String clusterCaBase64() {
    return Base64.getEncoder()
        .encodeToString(controlPlane.servingCaPem().getBytes(StandardCharsets.US_ASCII));
  }

  // ---- running the command -------------------------------------------------------------------

  CliRun.Result getKubeconfig(String... extraArgs) {
    List<String> args =
        new ArrayList<>(
            List.of("get", "kubeconfig", "--kubeconfig=" + controlPlane.adminKubeconfig()));
    args.addAll(List.of(extraArgs));
    return new CliRun().home(temp).executable(Path.of(SELF)).run(args.toArray(String[]::new));
  }

  static JsonNode parse(CliRun.Result result) throws IOException {
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return YAML.readTree(result.stdout());
  }

  static List<String> execArgs(JsonNode kubeconfig) {
    List<String> args = new ArrayList<>();
    kubeconfig
        .path("users")
        .path(0)
        .path("user")
        .path("exec")
        .path("args")
        .forEach(a -> args.add(a.asText()));
    return args;
  }

  // ---- failures ------------------------------------------------------------------------------

  record Failure(String name, Setup setup, List<String> args, String wantError) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Failure> failures() {
    Setup workingConcierge =
        t -> {
          t.credentialIssuer("concierge", t.tokenCredentialRequestStrategy());
          t.webhookAuthenticator("my-webhook");
        };
    return Stream.of(
        new Failure(
            "both static token flags",
            workingConcierge,
            List.of("--static-token=a", "--static-token-env=B"),
            "only one of --static-token and --static-token-env can be specified"),
        new Failure(
            "an invalid API group suffix",
            t -> {},
            List.of("--concierge-api-group-suffix=no_dots"),
            "invalid API group suffix: "),
        new Failure(
            "an unknown Concierge mode",
            t -> {},
            List.of("--concierge-mode=Teleport"),
            "invalid argument \"Teleport\" for \"--concierge-mode\" flag: invalid mode \"Teleport\","
                + " valid modes are TokenCredentialRequestAPI and ImpersonationProxy"),
        new Failure(
            "an unknown kubeconfig context",
            t -> {},
            List.of("--kubeconfig-context=nope"),
            "could not load --kubeconfig/--kubeconfig-context: "),
        new Failure("no CredentialIssuer", t -> {}, List.of(), "no CredentialIssuers were found"),
        new Failure(
            "two CredentialIssuers",
            t -> {
              t.credentialIssuer("one", t.tokenCredentialRequestStrategy());
              t.credentialIssuer("two", t.tokenCredentialRequestStrategy());
            },
            List.of(),
            "multiple CredentialIssuers were found, so the --concierge-credential-issuer flag must"
                + " be specified"),
        new Failure(
            "a named CredentialIssuer that does not exist",
            workingConcierge,
            List.of("--concierge-credential-issuer=nope"),
            "credentialissuers.config.concierge.pinniped.dev \"nope\" not found"),
        new Failure(
            "no working strategy",
            t -> {
              t.credentialIssuer("concierge", failedStrategy());
              t.webhookAuthenticator("my-webhook");
            },
            List.of(),
            "could not autodiscover --concierge-mode"),
        new Failure(
            "no working strategy in the asked mode",
            workingConcierge,
            List.of("--concierge-mode=ImpersonationProxy"),
            "could not find successful Concierge strategy matching"
                + " --concierge-mode=ImpersonationProxy"),
        new Failure(
            "a strategy still pending past the timeout",
            t -> {
              t.credentialIssuer(
                  "concierge", pendingStrategy(), t.tokenCredentialRequestStrategy());
              t.webhookAuthenticator("my-webhook");
            },
            List.of("--timeout=4s", "--static-token-env=T"),
            "timed out waiting for the pending strategies of CredentialIssuer \"concierge\" to"
                + " finish"),
        new Failure(
            "no authenticator",
            t -> t.credentialIssuer("concierge", t.tokenCredentialRequestStrategy()),
            List.of(),
            "no authenticators were found"),
        new Failure(
            "two authenticators",
            t -> {
              t.credentialIssuer("concierge", t.tokenCredentialRequestStrategy());
              t.webhookAuthenticator("one");
              t.jwtAuthenticator("two", t.supervisorCaInline());
            },
            List.of(),
            "multiple authenticators were found, so the"
                + " --concierge-authenticator-type/--concierge-authenticator-name flags must be"
                + " specified"),
        new Failure(
            "an unknown authenticator type",
            workingConcierge,
            List.of("--concierge-authenticator-type=saml", "--concierge-authenticator-name=x"),
            "invalid authenticator type \"saml\", supported values are \"webhook\" and \"jwt\""),
        new Failure(
            "a named authenticator that does not exist",
            workingConcierge,
            List.of("--concierge-authenticator-type=jwt", "--concierge-authenticator-name=nope"),
            "jwtauthenticators.authentication.concierge.pinniped.dev \"nope\" not found"),
        new Failure(
            "a webhook authenticator and no issuer",
            workingConcierge,
            List.of(),
            "could not autodiscover --oidc-issuer and none was provided"),
        new Failure(
            "a request audience in Pinniped's own domain",
            t -> {},
            List.of(
                "--no-concierge",
                "--oidc-issuer={issuer}",
                "--oidc-ca-bundle={supervisor-ca-file}",
                "--oidc-request-audience=a.pinniped.dev",
                "--skip-validation"),
            "request audience is not allowed to include the substring '.pinniped.dev':"
                + " a.pinniped.dev"),
        new Failure(
            "an unreachable issuer",
            t -> {},
            List.of("--no-concierge", "--oidc-issuer=https://127.0.0.1:1/x", "--skip-validation"),
            "while fetching OIDC discovery data from issuer: "),
        new Failure(
            "an issuer whose discovery names another issuer",
            t -> {},
            List.of(
                "--no-concierge",
                "--oidc-issuer={issuer}/",
                "--oidc-ca-bundle={supervisor-ca-file}",
                "--skip-validation"),
            "while fetching OIDC discovery data from issuer: oidc: issuer did not match the issuer"
                + " returned by provider"),
        new Failure(
            "a Supervisor without the asked identity provider",
            t -> {
              t.credentialIssuer("concierge", t.tokenCredentialRequestStrategy());
              t.jwtAuthenticator("my-jwt", t.supervisorCaInline());
              t.supervisor.supervisorIdps =
                  "[{\"name\":\"my-ldap\",\"type\":\"ldap\",\"flows\":[\"cli_password\"]}]";
            },
            List.of("--upstream-identity-provider-name=okta"),
            "no Supervisor upstream identity providers with name \"okta\" were found."),
        new Failure(
            "a CA data source whose Secret lacks the key",
            t -> {
              t.credentialIssuer("concierge", t.tokenCredentialRequestStrategy());
              t.supervisorCaInSecret();
              t.jwtAuthenticator(
                  "my-jwt",
                  "{certificateAuthorityDataSource: {kind: Secret, name: supervisor-ca, key: nope}}");
            },
            List.of(),
            "tried to autodiscover --oidc-ca-bundle, but key \"nope\" specified by JWTAuthenticator"
                + " my-jwt spec.tls.certificateAuthorityDataSource.key does not exist in Secret"
                + " concierge-ns/supervisor-ca"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void failuresAreExplained(Failure c) throws Exception {
    c.setup().apply(this);
    Path supervisorCa =
        Files.writeString(temp.resolve("supervisor-ca.pem"), supervisor.server().caPem());
    String[] args =
        c.args().stream()
            .map(
                arg ->
                    arg.replace("{issuer}", supervisor.issuer())
                        .replace("{supervisor-ca-file}", supervisorCa.toString()))
            .toArray(String[]::new);

    CliRun.Result result = getKubeconfig(args);

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("Error: " + c.wantError()).doesNotContain("\tat ");
  }

  // ---- kubeconfigs ---------------------------------------------------------------------------

  @Test
  void tokenCredentialRequestApiWithAWebhookAuthenticatorAndATokenFromTheEnvironment()
      throws Exception {
    credentialIssuer("concierge", tokenCredentialRequestStrategy());
    webhookAuthenticator("my-webhook");

    CliRun.Result result = getKubeconfig("--static-token-env=PINNIPED_TOKEN");

    JsonNode kubeconfig = parse(result);
    assertThat(kubeconfig.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(kubeconfig.path("kind").asText()).isEqualTo("Config");
    assertThat(kubeconfig.path("current-context").asText()).isEqualTo("admin-pinniped");
    assertThat(kubeconfig.path("contexts").path(0).toString())
        .isEqualTo(
            "{\"context\":{\"cluster\":\"admin-pinniped\",\"user\":\"admin-pinniped\"},\"name\":\"admin-pinniped\"}");
    JsonNode cluster = kubeconfig.path("clusters").path(0);
    assertThat(cluster.path("name").asText()).isEqualTo("admin-pinniped");
    assertThat(cluster.path("cluster").path("server").asText())
        .isEqualTo(controlPlane.apiServerUrl().toString());
    assertThat(cluster.path("cluster").path("certificate-authority-data").asText())
        .isEqualTo(clusterCaBase64());
    JsonNode exec = kubeconfig.path("users").path(0).path("user").path("exec");
    assertThat(kubeconfig.path("users").path(0).path("name").asText()).isEqualTo("admin-pinniped");
    assertThat(exec.path("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1beta1");
    assertThat(exec.path("command").asText()).isEqualTo(SELF);
    assertThat(exec.path("provideClusterInfo").asBoolean()).isTrue();
    assertThat(exec.path("env").isArray()).isTrue();
    assertThat(exec.path("env")).isEmpty();
    assertThat(exec.path("installHint").asText())
        .isEqualTo(
            "The pinniped CLI does not appear to be installed.  See https://get.pinniped.dev/cli"
                + " for more details");
    assertThat(exec.has("interactiveMode")).isFalse();
    assertThat(execArgs(kubeconfig))
        .containsExactly(
            "login",
            "static",
            "--enable-concierge",
            "--concierge-api-group-suffix=pinniped.dev",
            "--concierge-authenticator-name=my-webhook",
            "--concierge-authenticator-type=webhook",
            "--concierge-endpoint=" + controlPlane.apiServerUrl(),
            "--concierge-ca-bundle-data=" + clusterCaBase64(),
            "--token-env=PINNIPED_TOKEN");
    assertThat(result.stdout())
        .as("nothing of the admin's own credentials is copied")
        .doesNotContain("client-certificate-data", "client-key-data", "token:");
    assertThat(result.stderr())
        .contains(
            "discovered CredentialIssuer  name=concierge",
            "discovered Concierge operating in TokenCredentialRequest API mode",
            "discovered WebhookAuthenticator  name=my-webhook",
            "validated connection to the cluster");
  }

  @Test
  void anImpersonationProxyBecomesTheServerAndPendingStrategiesNeedNotBeAwaited() throws Exception {
    credentialIssuer(
        "concierge", pendingStrategy(), failedStrategy(), impersonationProxyStrategy());
    webhookAuthenticator("my-webhook");

    JsonNode kubeconfig =
        parse(
            getKubeconfig(
                "--static-token-env=PINNIPED_TOKEN",
                "--concierge-skip-wait",
                "--generated-name-suffix=-proxy"));

    JsonNode cluster = kubeconfig.path("clusters").path(0);
    assertThat(cluster.path("name").asText()).isEqualTo("admin-proxy");
    assertThat(cluster.path("cluster").path("server").asText())
        .isEqualTo(impersonationProxy.url().toString());
    assertThat(cluster.path("cluster").path("certificate-authority-data").asText())
        .isEqualTo(impersonationProxy.caBase64());
    assertThat(execArgs(kubeconfig))
        .contains(
            "--concierge-endpoint=" + impersonationProxy.url(),
            "--concierge-ca-bundle-data=" + impersonationProxy.caBase64());
    assertThat(impersonationProxy.requests()).as("validation reached the proxy").isNotEmpty();
  }

  @Test
  void aJwtAuthenticatorLeadsToTheSupervisorWhoseUnknownProvidersAndFlowsAreSkipped()
      throws Exception {
    credentialIssuer("concierge", tokenCredentialRequestStrategy());
    jwtAuthenticator("my-jwt", supervisorCaInline());
    supervisor.scopesSupported =
        List.of("openid", "offline_access", "pinniped:request-audience", "username", "groups");
    supervisor.supervisorIdps =
        "[{\"name\":\"future\",\"type\":\"saml\",\"flows\":[\"browser_authcode\"]},"
            + "{\"name\":\"my-ldap\",\"type\":\"ldap\",\"flows\":[\"quantum\",\"cli_password\",\"browser_authcode\"]}]";

    CliRun.Result result = getKubeconfig("--oidc-skip-browser", "--oidc-listen-port=48095");

    JsonNode kubeconfig = parse(result);
    assertThat(execArgs(kubeconfig))
        .containsExactly(
            "login",
            "oidc",
            "--enable-concierge",
            "--concierge-api-group-suffix=pinniped.dev",
            "--concierge-authenticator-name=my-jwt",
            "--concierge-authenticator-type=jwt",
            "--concierge-endpoint=" + controlPlane.apiServerUrl(),
            "--concierge-ca-bundle-data=" + clusterCaBase64(),
            "--issuer=" + supervisor.issuer(),
            "--client-id=pinniped-cli",
            "--scopes=offline_access,openid,pinniped:request-audience,username,groups",
            "--skip-browser",
            "--listen-port=48095",
            "--ca-bundle-data=" + supervisor.server().caBase64(),
            "--request-audience=my-cluster-audience",
            "--upstream-identity-provider-name=my-ldap",
            "--upstream-identity-provider-type=ldap",
            "--upstream-identity-provider-flow=cli_password");
    assertThat(result.stderr())
        .contains(
            "discovered JWTAuthenticator  name=my-jwt",
            "discovered OIDC issuer  issuer=" + supervisor.issuer(),
            "discovered OIDC audience  audience=my-cluster-audience",
            "discovered OIDC CA bundle  roots=1",
            "multiple client flows found, selecting first value as default");
  }

  @Test
  void theOidcCaCanComeFromASecretAndAnOlderSupervisorLosesTheUsernameAndGroupsScopes()
      throws Exception {
    credentialIssuer("concierge", tokenCredentialRequestStrategy());
    supervisorCaInSecret();
    jwtAuthenticator(
        "my-jwt",
        "{certificateAuthorityDataSource: {kind: Secret, name: supervisor-ca, key: ca.crt}}");
    supervisor.supervisorIdps =
        "[{\"name\":\"okta\",\"type\":\"oidc\",\"flows\":[\"browser_authcode\"]}]";

    CliRun.Result result = getKubeconfig();

    List<String> args = execArgs(parse(result));
    assertThat(args)
        .contains(
            "--scopes=offline_access,openid,pinniped:request-audience",
            "--ca-bundle-data=" + supervisor.server().caBase64(),
            "--upstream-identity-provider-name=okta",
            "--upstream-identity-provider-type=oidc",
            "--upstream-identity-provider-flow=browser_authcode");
    assertThat(result.stderr())
        .contains(
            "discovered OIDC CA bundle from JWTAuthenticator spec.tls.certificateAuthorityDataSource",
            "removed scope from --oidc-scopes list because it is not supported by this Supervisor"
                + "  scope=username");
  }

  @Test
  void theRealKubectlUsesAGeneratedKubeconfig() throws Exception {
    Path output = temp.resolve("generated.yaml");

    CliRun.Result result =
        getKubeconfig(
            "--no-concierge",
            "--static-token=" + controlPlane.staticUserToken(),
            "--pinniped-cli-path=" + Distribution.launcher(),
            "--output=" + output);

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains("Warning: --static-token writes the token into the kubeconfig");
    KubectlResult whoami = controlPlane.kubectl(output, "auth", "whoami", "-o", "json");
    assertThat(whoami.exitCode()).as(whoami.stderr()).isZero();
    assertThat(
            new ObjectMapper()
                .readTree(whoami.stdout())
                .path("status")
                .path("userInfo")
                .path("username")
                .asText())
        .isEqualTo("static-user");
  }
}

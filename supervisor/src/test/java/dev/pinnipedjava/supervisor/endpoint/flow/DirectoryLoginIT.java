package dev.pinnipedjava.supervisor.endpoint.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.pinnipedjava.api.condition.Phase;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.supervisor.testing.IssuerHarness;
import dev.pinnipedjava.supervisor.testing.RunningSupervisor;
import dev.pinnipedjava.supervisor.testing.TestFederationDomains;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import dev.pinnipedjava.testkit.activedirectory.ActiveDirectoryServer;
import dev.pinnipedjava.testkit.activedirectory.AdUser;
import dev.pinnipedjava.testkit.activedirectory.WithActiveDirectory;
import dev.pinnipedjava.testkit.ldap.LdapServer;
import dev.pinnipedjava.testkit.ldap.LdapUser;
import dev.pinnipedjava.testkit.ldap.WithLdapServer;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole Supervisor with directory upstreams: a real API server, OpenLDAP and Samba AD, the
 * LDAPIdentityProvider and ActiveDirectoryIdentityProvider controllers writing status, and the CLI
 * password flow over HTTPS ({@code Pinniped-Username}/{@code Pinniped-Password} at the authorize
 * endpoint), the code redeemed and the tokens refreshed while the directory changes.
 */
@WithKubeControlPlane
@WithLdapServer
@WithActiveDirectory
class DirectoryLoginIT {
  private static final String NAMESPACE = "directory-login-it";
  private static final String PASSWORD = "Directory-password-1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IDP_API = "idp.supervisor.pinniped.dev/v1alpha1";

  private static KubernetesClient client;
  private static RunningSupervisor supervisor;
  private static LdapServer ldap;
  private static ActiveDirectoryServer activeDirectory;
  private static CertificateAuthority supervisorCa;
  private static String issuer;
  private static HttpClient http;

  @BeforeAll
  static void start(
      KubeControlPlane controlPlane, LdapServer ldapServer, ActiveDirectoryServer adServer) {
    client = controlPlane.adminClient();
    ldap = ldapServer;
    activeDirectory = adServer;
    int port = LoopbackPorts.allocate(1).get(0);
    issuer = "https://127.0.0.1:" + port + "/directory-login";
    supervisor = RunningSupervisor.start(client, NAMESPACE, port);
    supervisorCa =
        CertificateAuthority.create(
            "directory-login-it-ca", Duration.ofDays(1), Clock.systemUTC(), new SecureRandom());
    IssuedCertificate serving =
        supervisorCa.issueServingCertificate(
            "127.0.0.1", List.of(), List.of(InetAddress.getLoopbackAddress()), Duration.ofHours(2));
    apply(
        secret(
            "pinniped-supervisor-default-tls-certificate",
            "kubernetes.io/tls",
            Map.of("tls.crt", serving.certificatePem(), "tls.key", serving.privateKeyPem())));
    apply(
        secret(
            "ldap-bind",
            "kubernetes.io/basic-auth",
            Map.of(
                "username", ldap.serviceAccount().dn(),
                "password", ldap.serviceAccount().password())));
    apply(
        secret(
            "ad-bind",
            "kubernetes.io/basic-auth",
            Map.of(
                "username", activeDirectory.administrator().dn(),
                "password", activeDirectory.administrator().password())));
    apply(secret("ldap-bind-wrong-type", "Opaque", Map.of("username", "x", "password", "y")));
    create(
        "LDAPIdentityProvider",
        "ldap",
        Map.of(
            "host", ldap.startTlsHostAndPort(),
            "tls", Map.of("certificateAuthorityData", base64(ldap.caPem())),
            "bind", Map.of("secretName", "ldap-bind"),
            "userSearch",
                Map.of(
                    "base",
                    LdapServer.USERS_DN,
                    "filter",
                    "uid={}",
                    "attributes",
                    Map.of("username", "mail", "uid", "uidNumber")),
            "groupSearch",
                Map.of("base", LdapServer.GROUPS_DN, "attributes", Map.of("groupName", "cn"))));
    create(
        "ActiveDirectoryIdentityProvider",
        "ad",
        Map.of(
            "host", activeDirectory.ldapsHostAndPort(),
            "tls", Map.of("certificateAuthorityData", base64(activeDirectory.caPem())),
            "bind", Map.of("secretName", "ad-bind")));
    create(
        "LDAPIdentityProvider",
        "ldap-bad-bind",
        Map.of(
            "host", ldap.ldapsHostAndPort(),
            "bind", Map.of("secretName", "ldap-bind-wrong-type"),
            "userSearch", Map.of("base", LdapServer.USERS_DN)));
    awaitPhase("LDAPIdentityProvider", "ldap", "Ready");
    awaitPhase("ActiveDirectoryIdentityProvider", "ad", "Ready");
    FederationDomain federationDomain =
        TestFederationDomains.federationDomain()
            .namespace(NAMESPACE)
            .name("directory-login")
            .issuer(issuer)
            .identityProvider("My LDAP", "LDAPIdentityProvider", "ldap")
            .identityProvider("My AD", "ActiveDirectoryIdentityProvider", "ad")
            .build();
    federationDomain.getMetadata().setUid(null);
    client.resource(federationDomain).create();
    await("FederationDomain ready")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              FederationDomain stored =
                  client
                      .resources(FederationDomain.class)
                      .inNamespace(NAMESPACE)
                      .withName("directory-login")
                      .get();
              return stored.getStatus() != null && stored.getStatus().phase() == Phase.READY;
            });
    http = httpClient();
    await("issuer serving with both directories offered")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(get("/v1alpha1/pinniped_identity_providers").body())
                    .contains(
                        "{\"name\":\"My AD\",\"type\":\"activedirectory\",\"flows\":[\"cli_password\",\"browser_authcode\"]}")
                    .contains(
                        "{\"name\":\"My LDAP\",\"type\":\"ldap\",\"flows\":[\"cli_password\",\"browser_authcode\"]}"));
  }

  @AfterAll
  static void stop() {
    if (supervisor != null) {
      supervisor.close();
    }
  }

  @Test
  void ldapPasswordLoginThenRefreshesSeeTheDirectory() throws Exception {
    String dn = ldap.addUser(LdapUser.of("e2e-pinny", PASSWORD));
    ldap.addGroup("e2e-devs", List.of(dn));

    HttpResponse<String> wrong = authorizeWithPassword("My LDAP", "e2e-pinny", "not-it");
    assertThat(wrong.statusCode()).isEqualTo(302);
    assertThat(wrong.headers().firstValue("Location").orElseThrow())
        .contains("error=access_denied");

    JsonNode tokens = redeem(authorizeWithPassword("My LDAP", "e2e-pinny", PASSWORD));
    JWTClaimsSet idToken = verified(tokens.path("id_token").asText());
    assertThat(idToken.getStringClaim("username")).isEqualTo("e2e-pinny@pinniped.dev");
    assertThat(idToken.getStringListClaim("groups")).containsExactly("e2e-devs");
    assertThat(idToken.getSubject())
        .startsWith(
            "ldaps://"
                + ldap.startTlsHostAndPort()
                + "?base=ou%3Dusers%2Cdc%3Dpinniped%2Cdc%3Ddev&idpName=My+LDAP&sub=");

    ldap.addGroup("e2e-admins", List.of(dn));
    HttpResponse<String> refreshed = refresh(tokens.path("refresh_token").asText());
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    assertThat(refreshed.headers().allValues("Warning"))
        .anySatisfy(
            warning ->
                assertThat(warning)
                    .contains(
                        "User \\\"e2e-pinny@pinniped.dev\\\" has been added to the following"
                            + " groups: [\\\"e2e-admins\\\"]"));
    JsonNode refreshedTokens = JSON.readTree(refreshed.body());
    assertThat(verified(refreshedTokens.path("id_token").asText()).getStringListClaim("groups"))
        .containsExactly("e2e-admins", "e2e-devs");

    ldap.deleteUser("e2e-pinny");
    HttpResponse<String> afterDeletion = refresh(refreshedTokens.path("refresh_token").asText());
    assertThat(afterDeletion.statusCode()).isEqualTo(401);
    assertThat(afterDeletion.body()).contains("Error during upstream refresh.");
  }

  @Test
  void activeDirectoryPasswordLoginThenRefreshFailsAfterAPasswordChange() throws Exception {
    String dn = activeDirectory.addUser(AdUser.of("e2e-ad-user", PASSWORD));
    String team = activeDirectory.addGroup("e2e-ad-team", List.of(dn));
    activeDirectory.addGroup("e2e-ad-department", List.of(team));

    JsonNode tokens = redeem(authorizeWithPassword("My AD", "e2e-ad-user", PASSWORD));
    JWTClaimsSet idToken = verified(tokens.path("id_token").asText());
    assertThat(idToken.getStringClaim("username")).isEqualTo("e2e-ad-user@pinniped.test");
    assertThat(idToken.getStringListClaim("groups"))
        .containsExactly("e2e-ad-department@pinniped.test", "e2e-ad-team@pinniped.test");

    HttpResponse<String> refreshed = refresh(tokens.path("refresh_token").asText());
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);

    activeDirectory.changePassword("e2e-ad-user", "Changed-password-2");
    HttpResponse<String> afterChange =
        refresh(JSON.readTree(refreshed.body()).path("refresh_token").asText());
    assertThat(afterChange.statusCode()).isEqualTo(401);
    assertThat(afterChange.body()).contains("Error during upstream refresh.");
  }

  @Test
  void theBrowserFlowGoesToTheIssuersLoginForm() {
    HttpResponse<String> response =
        get(
            "/oauth2/authorize?"
                + IssuerHarness.encode(
                    IssuerHarness.with(
                        IssuerHarness.authorizeParameters(), "pinniped_idp_name", "My LDAP")));

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location").orElseThrow())
        .startsWith(issuer + "/login?state=");
  }

  @Test
  void aBindSecretOfTheWrongTypeIsReportedInTheStatus() {
    awaitPhase("LDAPIdentityProvider", "ldap-bad-bind", "Error");
    GenericKubernetesResource stored = idp("LDAPIdentityProvider", "ldap-bad-bind");
    assertThat(String.valueOf(stored.<Object>get("status", "conditions")))
        .contains("type=BindSecretValid")
        .contains("reason=SecretWrongType");
  }

  private static void create(String kind, String name, Map<String, Object> spec) {
    client
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion(IDP_API)
                .withKind(kind)
                .withNewMetadata()
                .withNamespace(NAMESPACE)
                .withName(name)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build())
        .create();
  }

  private static GenericKubernetesResource idp(String kind, String name) {
    return client
        .genericKubernetesResources(IDP_API, kind)
        .inNamespace(NAMESPACE)
        .withName(name)
        .get();
  }

  private static void awaitPhase(String kind, String name, String phase) {
    await(kind + " " + name + " " + phase)
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(String.valueOf(idp(kind, name).<Object>get("status", "phase")))
                    .isEqualTo(phase));
  }

  private static HttpResponse<String> authorizeWithPassword(
      String idpName, String username, String password) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(
                    issuer
                        + "/oauth2/authorize?"
                        + IssuerHarness.encode(
                            IssuerHarness.with(
                                IssuerHarness.authorizeParameters(),
                                "pinniped_idp_name",
                                idpName))))
            .header("Pinniped-Username", username)
            .header("Pinniped-Password", password)
            .timeout(Duration.ofSeconds(60))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode redeem(HttpResponse<String> authorized)
      throws IOException, InterruptedException {
    assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(302);
    Map<String, String> query =
        IssuerHarness.query(authorized.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> response =
        token(
            Map.of(
                "grant_type",
                "authorization_code",
                "code",
                IssuerHarness.required(query, "code"),
                "client_id",
                "pinniped-cli",
                "redirect_uri",
                IssuerHarness.CLI_REDIRECT,
                "code_verifier",
                IssuerHarness.VERIFIER.getValue()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> refresh(String refreshToken)
      throws IOException, InterruptedException {
    return token(
        Map.of(
            "grant_type", "refresh_token",
            "refresh_token", refreshToken,
            "client_id", "pinniped-cli"));
  }

  private static HttpResponse<String> token(Map<String, String> form)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(IssuerHarness.encode(form)))
            .timeout(Duration.ofSeconds(60))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JWTClaimsSet verified(String jwt) throws ParseException, JOSEException {
    SignedJWT signed = SignedJWT.parse(jwt);
    ECKey key =
        (ECKey) JWKSet.parse(get("/jwks.json").body()).getKeyByKeyId(signed.getHeader().getKeyID());
    assertThat(key).isNotNull();
    assertThat(signed.verify(new ECDSAVerifier(key))).isTrue();
    return signed.getJWTClaimsSet();
  }

  private static HttpResponse<String> get(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(issuer + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpClient httpClient() {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("ca", supervisorCa.certificate());
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return HttpClient.newBuilder()
          .sslContext(context)
          .followRedirects(HttpClient.Redirect.NEVER)
          .version(HttpClient.Version.HTTP_1_1)
          .build();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Secret secret(String name, String type, Map<String, String> data) {
    Map<String, String> encoded = new java.util.LinkedHashMap<>();
    data.forEach((key, value) -> encoded.put(key, base64(value)));
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(NAMESPACE)
        .withName(name)
        .endMetadata()
        .withType(type)
        .withData(encoded)
        .build();
  }

  private static void apply(Secret secret) {
    client.resource(secret).serverSideApply();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}

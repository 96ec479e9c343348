package dev.pinnipedjava.api.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pinnipedjava.api.sample.Samples;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API server itself, through our CRDs, rejects what Pinniped's CRDs reject, with the same
 * messages (422 Invalid); and it accepts, and defaults, what Pinniped's CRDs accept, leaving the
 * rest to the controllers as Pinniped does. Each case is a kind's valid sample with a few changes.
 */
@WithKubeControlPlane
class CrdValidationIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final AtomicInteger OBJECT_NUMBER = new AtomicInteger();
  private static String namespace = "";

  /** Sets the JSON value at a JSON pointer, or removes it when the value is null. */
  record Change(String pointer, @Nullable String json) {
    static Change set(String pointer, String json) {
      return new Change(pointer, json);
    }

    static Change remove(String pointer) {
      return new Change(pointer, null);
    }
  }

  record Invalid(String name, String kind, List<Change> changes, String wantMessage) {
    @Override
    public String toString() {
      return kind + ": " + name;
    }
  }

  static Stream<Invalid> invalidObjects() {
    return Stream.of(
        // JWTAuthenticator
        new Invalid(
            "issuer not https",
            "JWTAuthenticator",
            List.of(Change.set("/spec/issuer", "'http://issuer.example.com'")),
            "spec.issuer in body should match '^https://'"),
        new Invalid(
            "empty audience",
            "JWTAuthenticator",
            List.of(Change.set("/spec/audience", "''")),
            "spec.audience in body should be at least 1 chars long"),
        new Invalid(
            "no issuer",
            "JWTAuthenticator",
            List.of(Change.remove("/spec/issuer")),
            "spec.issuer: Required value"),
        new Invalid(
            "CA bundle from a Pod",
            "JWTAuthenticator",
            List.of(Change.set("/spec/tls/certificateAuthorityDataSource/kind", "Pod")),
            "spec.tls.certificateAuthorityDataSource.kind: Unsupported value: \"Pod\": supported"
                + " values: \"Secret\", \"ConfigMap\""),
        new Invalid(
            "no spec", "JWTAuthenticator", List.of(Change.remove("/spec")), "spec: Required value"),
        // WebhookAuthenticator
        new Invalid(
            "endpoint not https",
            "WebhookAuthenticator",
            List.of(Change.set("/spec/endpoint", "'http://webhook.example.com'")),
            "spec.endpoint in body should match '^https://'"),
        new Invalid(
            "no endpoint",
            "WebhookAuthenticator",
            List.of(Change.remove("/spec/endpoint")),
            "spec.endpoint: Required value"),
        new Invalid(
            "CA bundle source without name",
            "WebhookAuthenticator",
            List.of(
                Change.set(
                    "/spec/tls",
                    "{certificateAuthorityDataSource: {kind: Secret, name: '', key: ca.crt}}")),
            "spec.tls.certificateAuthorityDataSource.name in body should be at least 1 chars long"),
        new Invalid(
            "CA bundle source without key",
            "WebhookAuthenticator",
            List.of(
                Change.set(
                    "/spec/tls", "{certificateAuthorityDataSource: {kind: Secret, name: ca}}")),
            "spec.tls.certificateAuthorityDataSource.key: Required value"),
        // CredentialIssuer
        new Invalid(
            "unknown impersonation proxy mode",
            "CredentialIssuer",
            List.of(Change.set("/spec/impersonationProxy/mode", "sometimes")),
            "spec.impersonationProxy.mode: Unsupported value: \"sometimes\": supported values:"
                + " \"auto\", \"enabled\", \"disabled\""),
        new Invalid(
            "NodePort service",
            "CredentialIssuer",
            List.of(Change.set("/spec/impersonationProxy/service/type", "NodePort")),
            "supported values: \"LoadBalancer\", \"ClusterIP\", \"None\""),
        new Invalid(
            "load balancer IP longer than 255",
            "CredentialIssuer",
            List.of(
                Change.set(
                    "/spec/impersonationProxy/service/loadBalancerIP",
                    "'" + "1".repeat(256) + "'")),
            "spec.impersonationProxy.service.loadBalancerIP: Too long: may not be more than 255"),
        new Invalid(
            "no mode",
            "CredentialIssuer",
            List.of(Change.remove("/spec/impersonationProxy/mode")),
            "spec.impersonationProxy.mode: Required value"),
        new Invalid(
            "empty TLS secret name",
            "CredentialIssuer",
            List.of(Change.set("/spec/impersonationProxy/tls/secretName", "''")),
            "spec.impersonationProxy.tls.secretName in body should be at least 1 chars long"),
        // FederationDomain
        new Invalid(
            "issuer not https",
            "FederationDomain",
            List.of(Change.set("/spec/issuer", "'http://pinniped.example.com/issuer'")),
            "spec.issuer: Invalid value: \"string\": issuer must be an HTTPS URL"),
        new Invalid(
            "issuer not a URL",
            "FederationDomain",
            List.of(Change.set("/spec/issuer", "'pinniped.example.com'")),
            "issuer must be an HTTPS URL"),
        new Invalid(
            "empty display name",
            "FederationDomain",
            List.of(Change.set("/spec/identityProviders/0/displayName", "''")),
            "spec.identityProviders[0].displayName in body should be at least 1 chars long"),
        new Invalid(
            "constant name not an identifier",
            "FederationDomain",
            List.of(Change.set("/spec/identityProviders/0/transforms/constants/0/name", "1st")),
            "spec.identityProviders[0].transforms.constants[0].name in body should match"
                + " '^[a-zA-Z][_a-zA-Z0-9]*$'"),
        new Invalid(
            "unknown expression type",
            "FederationDomain",
            List.of(
                Change.set("/spec/identityProviders/0/transforms/expressions/0/type", "claims/v1")),
            "supported values: \"policy/v1\", \"username/v1\", \"groups/v1\""),
        new Invalid(
            "two constants with one name",
            "FederationDomain",
            List.of(Change.set("/spec/identityProviders/0/transforms/constants/1/name", "prefix")),
            "spec.identityProviders[0].transforms.constants[1]: Duplicate value"),
        new Invalid(
            "identity provider reference without kind",
            "FederationDomain",
            List.of(Change.remove("/spec/identityProviders/0/objectRef/kind")),
            "spec.identityProviders[0].objectRef.kind: Required value"),
        new Invalid(
            "example without expectation",
            "FederationDomain",
            List.of(Change.remove("/spec/identityProviders/0/transforms/examples/0/expects")),
            "spec.identityProviders[0].transforms.examples[0].expects: Required value"),
        // OIDCClient
        new Invalid(
            "name without the client prefix",
            "OIDCClient",
            List.of(Change.set("/metadata/name", "panda")),
            "metadata.name: Invalid value: \"panda\": metadata.name in body should match"
                + " '^client\\.oauth\\.pinniped\\.dev-'"),
        new Invalid(
            "redirect URI neither https nor loopback",
            "OIDCClient",
            List.of(Change.set("/spec/allowedRedirectURIs/1", "'http://localhost/callback'")),
            "spec.allowedRedirectURIs[1] in body should match"
                + " '^https://.+|^http://(127\\.0\\.0\\.1|\\[::1\\])(:\\d+)?/'"),
        new Invalid(
            "unknown grant type",
            "OIDCClient",
            List.of(Change.set("/spec/allowedGrantTypes/2", "bird")),
            "spec.allowedGrantTypes[2]: Unsupported value: \"bird\": supported values:"
                + " \"authorization_code\", \"refresh_token\","
                + " \"urn:ietf:params:oauth:grant-type:token-exchange\""),
        new Invalid(
            "unknown scope",
            "OIDCClient",
            List.of(Change.set("/spec/allowedScopes/0", "'*'")),
            "spec.allowedScopes[0]: Unsupported value: \"*\": supported values: \"openid\","
                + " \"offline_access\", \"username\", \"groups\", \"pinniped:request-audience\""),
        new Invalid(
            "ID token lifetime below 120 s",
            "OIDCClient",
            List.of(Change.set("/spec/tokenLifetimes/idTokenSeconds", "119")),
            "spec.tokenLifetimes.idTokenSeconds in body should be greater than or equal to 120"),
        new Invalid(
            "ID token lifetime above 1800 s",
            "OIDCClient",
            List.of(Change.set("/spec/tokenLifetimes/idTokenSeconds", "1801")),
            "spec.tokenLifetimes.idTokenSeconds in body should be less than or equal to 1800"),
        new Invalid(
            "no scopes",
            "OIDCClient",
            List.of(Change.set("/spec/allowedScopes", "[]")),
            "spec.allowedScopes in body should have at least 1 items"),
        new Invalid(
            "a scope twice",
            "OIDCClient",
            List.of(Change.set("/spec/allowedScopes", "[openid, openid]")),
            "spec.allowedScopes[1]: Duplicate value: \"openid\""),
        // OIDCIdentityProvider
        new Invalid(
            "issuer not https",
            "OIDCIdentityProvider",
            List.of(Change.set("/spec/issuer", "'http://my-company.okta.com'")),
            "spec.issuer in body should match '^https://'"),
        new Invalid(
            "no client",
            "OIDCIdentityProvider",
            List.of(Change.remove("/spec/client")),
            "spec.client: Required value"),
        new Invalid(
            "authorize parameter without name",
            "OIDCIdentityProvider",
            List.of(
                Change.set("/spec/authorizationConfig/additionalAuthorizeParameters/0/name", "''")),
            "spec.authorizationConfig.additionalAuthorizeParameters[0].name in body should be at"
                + " least 1 chars long"),
        new Invalid(
            "an authorize parameter twice",
            "OIDCIdentityProvider",
            List.of(
                Change.set(
                    "/spec/authorizationConfig/additionalAuthorizeParameters/1/name", "prompt")),
            "spec.authorizationConfig.additionalAuthorizeParameters[1]: Duplicate value"),
        // LDAPIdentityProvider
        new Invalid(
            "empty host",
            "LDAPIdentityProvider",
            List.of(Change.set("/spec/host", "''")),
            "spec.host in body should be at least 1 chars long"),
        new Invalid(
            "no host",
            "LDAPIdentityProvider",
            List.of(Change.remove("/spec/host")),
            "spec.host: Required value"),
        new Invalid(
            "empty bind secret name",
            "LDAPIdentityProvider",
            List.of(Change.set("/spec/bind/secretName", "''")),
            "spec.bind.secretName in body should be at least 1 chars long"),
        new Invalid(
            "empty user search base",
            "LDAPIdentityProvider",
            List.of(Change.set("/spec/userSearch/base", "''")),
            "spec.userSearch.base in body should be at least 1 chars long"),
        new Invalid(
            "empty uid attribute",
            "LDAPIdentityProvider",
            List.of(Change.set("/spec/userSearch/attributes/uid", "''")),
            "spec.userSearch.attributes.uid in body should be at least 1 chars long"),
        // ActiveDirectoryIdentityProvider
        new Invalid(
            "empty host",
            "ActiveDirectoryIdentityProvider",
            List.of(Change.set("/spec/host", "''")),
            "spec.host in body should be at least 1 chars long"),
        new Invalid(
            "empty bind secret name",
            "ActiveDirectoryIdentityProvider",
            List.of(Change.set("/spec/bind/secretName", "''")),
            "spec.bind.secretName in body should be at least 1 chars long"),
        new Invalid(
            "bind without secret name",
            "ActiveDirectoryIdentityProvider",
            List.of(Change.remove("/spec/bind/secretName")),
            "spec.bind.secretName: Required value"),
        new Invalid(
            "CA bundle from a Pod",
            "ActiveDirectoryIdentityProvider",
            List.of(
                Change.set(
                    "/spec/tls", "{certificateAuthorityDataSource: {kind: Pod, name: x, key: y}}")),
            "spec.tls.certificateAuthorityDataSource.kind: Unsupported value: \"Pod\""),
        // GitHubIdentityProvider
        new Invalid(
            "all users allowed but organizations listed",
            "GitHubIdentityProvider",
            List.of(Change.set("/spec/allowAuthentication/organizations/policy", "AllGitHubUsers")),
            "spec.allowAuthentication.organizations.policy must be"
                + " 'OnlyUsersFromAllowedOrganizations' when"
                + " spec.allowAuthentication.organizations.allowed has organizations listed"),
        new Invalid(
            "allowed organizations required but none listed",
            "GitHubIdentityProvider",
            List.of(Change.set("/spec/allowAuthentication/organizations/allowed", "[]")),
            "spec.allowAuthentication.organizations.policy must be 'AllGitHubUsers' when"
                + " spec.allowAuthentication.organizations.allowed is empty"),
        new Invalid(
            "no organizations and the default policy",
            "GitHubIdentityProvider",
            List.of(Change.set("/spec/allowAuthentication/organizations", "{}")),
            "spec.allowAuthentication.organizations.policy must be 'AllGitHubUsers' when"
                + " spec.allowAuthentication.organizations.allowed is empty"),
        new Invalid(
            "unknown username attribute",
            "GitHubIdentityProvider",
            List.of(Change.set("/spec/claims/username", "email")),
            "spec.claims.username: Unsupported value: \"email\": supported values: \"id\","
                + " \"login\", \"login:id\""),
        new Invalid(
            "65 organizations",
            "GitHubIdentityProvider",
            List.of(
                Change.set("/spec/allowAuthentication/organizations/allowed", organizations(65))),
            "spec.allowAuthentication.organizations.allowed: Too many: 65: must have at most 64"
                + " items"),
        new Invalid(
            "an organization twice",
            "GitHubIdentityProvider",
            List.of(
                Change.set("/spec/allowAuthentication/organizations/allowed", "[my-org, my-org]")),
            "spec.allowAuthentication.organizations.allowed[1]: Duplicate value: \"my-org\""),
        new Invalid(
            "empty client secret name",
            "GitHubIdentityProvider",
            List.of(Change.set("/spec/client/secretName", "''")),
            "spec.client.secretName in body should be at least 1 chars long"));
  }

  /**
   * @param wantStored values the API server stores at JSON pointers, after its defaulting
   */
  record Accepted(String name, String kind, List<Change> changes, Map<String, String> wantStored) {
    @Override
    public String toString() {
      return kind + ": " + name;
    }
  }

  static Stream<Accepted> acceptedObjects() {
    return Stream.of(
        new Accepted(
            "identity provider reference of any kind (the controller checks it)",
            "FederationDomain",
            List.of(Change.set("/spec/identityProviders/0/objectRef/kind", "Pod")),
            Map.of("/spec/identityProviders/0/objectRef/kind", "Pod")),
        new Accepted(
            "CA bundle both inline and from a source (the controller checks it)",
            "JWTAuthenticator",
            List.of(Change.set("/spec/tls/certificateAuthorityData", "'Zm9v'")),
            Map.of("/spec/tls/certificateAuthorityData", "'Zm9v'")),
        new Accepted(
            "user search filter without {} (the controller checks it)",
            "LDAPIdentityProvider",
            List.of(Change.set("/spec/userSearch/filter", "'uid=ryan'")),
            Map.of("/spec/userSearch/filter", "'uid=ryan'")),
        new Accepted(
            "client without authorization_code or openid (the controller checks it)",
            "OIDCClient",
            List.of(
                Change.set("/spec/allowedGrantTypes", "[refresh_token]"),
                Change.set("/spec/allowedScopes", "[username]")),
            Map.of("/spec/allowedScopes", "[username]")),
        new Accepted(
            "GitHub claims and API host default",
            "GitHubIdentityProvider",
            List.of(Change.remove("/spec/claims"), Change.remove("/spec/githubAPI")),
            Map.of(
                "/spec/claims", "{username: 'login:id', groups: slug}",
                "/spec/githubAPI", "{host: github.com}")),
        new Accepted(
            "GitHub organization policy defaults",
            "GitHubIdentityProvider",
            List.of(Change.remove("/spec/allowAuthentication/organizations/policy")),
            Map.of(
                "/spec/allowAuthentication/organizations/policy",
                "OnlyUsersFromAllowedOrganizations")),
        new Accepted(
            "impersonation proxy service defaults to a LoadBalancer",
            "CredentialIssuer",
            List.of(Change.remove("/spec/impersonationProxy/service")),
            Map.of("/spec/impersonationProxy/service", "{type: LoadBalancer}")));
  }

  @BeforeAll
  static void installCrdsAndNamespace(KubeControlPlane controlPlane) {
    DeployedCrds.install(controlPlane.adminClient());
    Namespace created =
        controlPlane
            .adminClient()
            .namespaces()
            .resource(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withGenerateName("crd-validation-")
                    .endMetadata()
                    .build())
            .create();
    namespace = created.getMetadata().getName();
  }

  @AfterAll
  static void deleteNamespace(KubeControlPlane controlPlane) {
    controlPlane.adminClient().namespaces().withName(namespace).delete();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidObjects")
  void apiServerRejects(Invalid c, KubeControlPlane controlPlane) throws Exception {
    KubernetesClient client = controlPlane.adminClient();
    GenericKubernetesResource object = object(c.kind(), c.changes());

    KubernetesClientException rejection =
        catchThrowableOfType(
            KubernetesClientException.class,
            () -> {
              client.resource(object).create();
              client.resource(object).delete(); // unexpectedly accepted: leave nothing behind
            });

    assertThat(rejection).as("the API server rejects it").isNotNull();
    assertThat(rejection.getCode()).isEqualTo(422);
    assertThat(rejection.getStatus().getReason()).isEqualTo("Invalid");
    assertThat(rejection.getStatus().getMessage()).contains(c.wantMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedObjects")
  void apiServerAcceptsAndDefaults(Accepted c, KubeControlPlane controlPlane) throws Exception {
    KubernetesClient client = controlPlane.adminClient();
    GenericKubernetesResource object = object(c.kind(), c.changes());
    try {
      GenericKubernetesResource stored = client.resource(object).create();

      JsonNode storedJson = JSON.valueToTree(stored);
      for (Map.Entry<String, String> want : c.wantStored().entrySet()) {
        assertThat(storedJson.at(want.getKey()))
            .as(want.getKey())
            .isEqualTo(YAML.readTree(want.getValue()));
      }
    } finally {
      client.resource(object).delete();
    }
  }

  /** The kind's sample, without status, with a name of its own and the changes applied. */
  private static GenericKubernetesResource object(String kind, List<Change> changes)
      throws Exception {
    ObjectNode object = (ObjectNode) YAML.readTree(Samples.text(kind));
    object.remove("status");
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    metadata.put("name", metadata.get("name").asText() + "-v" + OBJECT_NUMBER.incrementAndGet());
    if (metadata.has("namespace")) {
      metadata.put("namespace", namespace);
    }
    for (Change change : changes) {
      apply(object, change);
    }
    return JSON.treeToValue(object, GenericKubernetesResource.class);
  }

  private static void apply(ObjectNode object, Change change) throws Exception {
    int slash = change.pointer().lastIndexOf('/');
    JsonNode parent = object.at(change.pointer().substring(0, slash));
    String last = change.pointer().substring(slash + 1);
    JsonNode value = change.json() == null ? null : YAML.readTree(change.json());
    if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), value);
    } else if (parent instanceof ObjectNode parentObject) {
      if (value == null) {
        parentObject.remove(last);
      } else {
        parentObject.set(last, value);
      }
    } else {
      throw new IllegalArgumentException("no object or array at the parent of " + change.pointer());
    }
  }

  private static String organizations(int count) {
    StringBuilder list = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      list.append(i == 0 ? "" : ", ").append("org-").append(i);
    }
    return list.append(']').toString();
  }
}

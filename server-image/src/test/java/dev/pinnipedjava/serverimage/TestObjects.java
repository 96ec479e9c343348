package dev.pinnipedjava.serverimage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.testkit.ldap.LdapServer;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import dev.pinnipedjava.testkit.loopback.LoopbackTls;
import dev.pinnipedjava.testkit.oidcissuer.TestOidcIssuer;
import dev.pinnipedjava.testkit.tokenreview.TestTokenReviewWebhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What these tests give kubectl: documents for {@code apply -f -} and {@code create -f -}. */
final class TestObjects {
  static final String WEBHOOK_AUTHENTICATOR = "image-webhook";
  static final String JWT_AUTHENTICATOR = "image-jwt";
  static final String LDAP_PROVIDER = "image-ldap";
  static final String LDAP_DISPLAY_NAME = "Directory";
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestObjects() {}

  /**
   * Routes the Concierge's APIServices (deploy/concierge/apiservice.yaml) to {@code port} on
   * loopback: Kubernetes refuses loopback addresses in Endpoints, so the Service is an ExternalName
   * for 127.0.0.1 and the kube-apiserver, routing to services, uses the APIService's port.
   */
  static String conciergeApiRoutedTo(Path apiServices, String namespace, int port) {
    try {
      return String.join(
          "\n---\n",
          object(
              "v1",
              "Service",
              "pinniped-concierge-api",
              namespace,
              Map.of("spec", Map.of("type", "ExternalName", "externalName", LoopbackPorts.HOST))),
          Files.readString(apiServices).replace("port: 443", "port: " + port));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String webhookAuthenticator(TestTokenReviewWebhook webhook) {
    return object(
        "authentication.concierge.pinniped.dev/v1alpha1",
        "WebhookAuthenticator",
        WEBHOOK_AUTHENTICATOR,
        null,
        Map.of(
            "spec",
            Map.of(
                "endpoint", webhook.endpoint(),
                "tls", Map.of("certificateAuthorityData", webhook.caBundleBase64()))));
  }

  /**
   * A JWTAuthenticator trusting {@code issuer} for {@code audience}, mapping the username and
   * groups with CEL expressions.
   */
  static String jwtAuthenticator(TestOidcIssuer issuer, String audience) {
    return object(
        "authentication.concierge.pinniped.dev/v1alpha1",
        "JWTAuthenticator",
        JWT_AUTHENTICATOR,
        null,
        Map.of(
            "spec",
            Map.of(
                "issuer", issuer.issuer(),
                "audience", audience,
                "tls", Map.of("certificateAuthorityData", issuer.caBundleBase64()),
                "claims",
                    Map.of(
                        "usernameExpression", "'oidc:' + claims.email",
                        "groupsExpression", "claims.roles.map(r, 'role:' + r)"))));
  }

  /**
   * A TokenCredentialRequest, as the exec plugin makes it, for this test's authenticator of kind
   * {@code <kind>Authenticator}.
   */
  static String tokenCredentialRequest(String token, String kind) {
    return json(
        Map.of(
            "apiVersion", "login.concierge.pinniped.dev/v1alpha1",
            "kind", "TokenCredentialRequest",
            "spec",
                Map.of(
                    "token",
                    token,
                    "authenticator",
                    Map.of(
                        "apiGroup",
                        "authentication.concierge.pinniped.dev",
                        "kind",
                        kind + "Authenticator",
                        "name",
                        kind.equals("JWT") ? JWT_AUTHENTICATOR : WEBHOOK_AUTHENTICATOR))));
  }

  /**
   * A FederationDomain for {@code issuer} offering {@code ldap} as an LDAPIdentityProvider, and the
   * TLS Secret {@code tlsSecret}.
   */
  static String federationDomain(
      String namespace, String issuer, String tlsSecret, LoopbackTls tls, LdapServer ldap) {
    return String.join(
        "\n---\n",
        object(
            "v1",
            "Secret",
            tlsSecret,
            namespace,
            Map.of(
                "type",
                "kubernetes.io/tls",
                "stringData",
                Map.of("tls.crt", tls.certificatePem(), "tls.key", tls.privateKeyPem()))),
        object(
            "v1",
            "Secret",
            "image-ldap-bind",
            namespace,
            Map.of(
                "type",
                "kubernetes.io/basic-auth",
                "stringData",
                Map.of(
                    "username", ldap.serviceAccount().dn(),
                    "password", ldap.serviceAccount().password()))),
        object(
            "idp.supervisor.pinniped.dev/v1alpha1",
            "LDAPIdentityProvider",
            LDAP_PROVIDER,
            namespace,
            Map.of("spec", ldap.identityProviderSpec(ldap.ldapsHostAndPort(), "image-ldap-bind"))),
        object(
            "config.supervisor.pinniped.dev/v1alpha1",
            "FederationDomain",
            "image-issuer",
            namespace,
            Map.of(
                "spec",
                Map.of(
                    "issuer",
                    issuer,
                    "identityProviders",
                    List.of(
                        Map.of(
                            "displayName",
                            LDAP_DISPLAY_NAME,
                            "objectRef",
                            Map.of(
                                "apiGroup", "idp.supervisor.pinniped.dev",
                                "kind", "LDAPIdentityProvider",
                                "name", LDAP_PROVIDER)))))));
  }

  private static String object(
      String apiVersion,
      String kind,
      String name,
      @Nullable String namespace,
      Map<String, Object> content) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("apiVersion", apiVersion);
    document.put("kind", kind);
    document.put(
        "metadata",
        namespace == null ? Map.of("name", name) : Map.of("name", name, "namespace", namespace));
    document.putAll(content);
    return json(document);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}

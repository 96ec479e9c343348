package dev.pinnipedjava.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTAuthenticator;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.JWTAuthenticatorSpec;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.WebhookAuthenticator;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.WebhookAuthenticatorSpec;
import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuer;
import dev.pinnipedjava.api.concierge.config.v1alpha1.CredentialIssuerSpec;
import dev.pinnipedjava.api.sample.Samples;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainSpec;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.OIDCClient;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.OIDCClientSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.ActiveDirectoryIdentityProviderSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.GitHubIdentityProviderSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.LDAPIdentityProviderSpec;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.OIDCIdentityProvider;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.OIDCIdentityProviderSpec;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind, fully populated as in its sample, is stored and read back by a real API server
 * without losing or changing anything; its status is written only through the status subresource,
 * which ignores spec changes; and kubectl shows Pinniped's printer columns.
 */
@WithKubeControlPlane
class CrdRoundTripIT {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static String namespace = "";

  /**
   * @param changedSpec a valid spec other than the sample's, in YAML
   * @param wantColumns the header kubectl prints for one object of the kind in its namespace
   */
  record Case(
      Class<? extends CustomResource<?, ?>> type,
      Class<?> specType,
      String changedSpec,
      List<String> wantColumns) {
    @Override
    public String toString() {
      return type.getSimpleName();
    }
  }

  static Stream<Case> kinds() {
    return Stream.of(
        new Case(
            JWTAuthenticator.class,
            JWTAuthenticatorSpec.class,
            "{issuer: 'https://other.example.com', audience: other}",
            List.of("NAME", "ISSUER", "AUDIENCE", "STATUS", "AGE")),
        new Case(
            WebhookAuthenticator.class,
            WebhookAuthenticatorSpec.class,
            "{endpoint: 'https://other.example.com/authenticate'}",
            List.of("NAME", "ENDPOINT", "STATUS", "AGE")),
        new Case(
            CredentialIssuer.class,
            CredentialIssuerSpec.class,
            "{impersonationProxy: {mode: disabled, service: {type: None}}}",
            List.of("NAME", "PROXYMODE", "DEFAULTSTRATEGY", "AGE")),
        new Case(
            FederationDomain.class,
            FederationDomainSpec.class,
            "{issuer: 'https://other.example.com/issuer'}",
            List.of("NAME", "ISSUER", "STATUS", "AGE")),
        new Case(
            OIDCClient.class,
            OIDCClientSpec.class,
            "{allowedRedirectURIs: ['https://other.example.com/callback'],"
                + " allowedGrantTypes: [authorization_code], allowedScopes: [openid]}",
            List.of("NAME", "PRIVILEGED SCOPES", "CLIENT SECRETS", "STATUS", "AGE")),
        new Case(
            OIDCIdentityProvider.class,
            OIDCIdentityProviderSpec.class,
            "{issuer: 'https://other.example.com', client: {secretName: other}}",
            List.of("NAME", "ISSUER", "STATUS", "AGE")),
        new Case(
            LDAPIdentityProvider.class,
            LDAPIdentityProviderSpec.class,
            "{host: 'other.example.com:636'}",
            List.of("NAME", "HOST", "STATUS", "AGE")),
        new Case(
            ActiveDirectoryIdentityProvider.class,
            ActiveDirectoryIdentityProviderSpec.class,
            "{host: other.example.com}",
            List.of("NAME", "HOST", "STATUS", "AGE")),
        new Case(
            GitHubIdentityProvider.class,
            GitHubIdentityProviderSpec.class,
            "{githubAPI: {host: github.com}, claims: {username: id, groups: slug},"
                + " allowAuthentication: {organizations: {policy: AllGitHubUsers}},"
                + " client: {secretName: other}}",
            List.of("NAME", "HOST", "STATUS", "AGE")));
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
                    .withGenerateName("crd-round-trip-")
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
  @MethodSource("kinds")
  void createdObjectReadsBackUnchanged(Case c, KubeControlPlane controlPlane) {
    KubernetesClient client = controlPlane.adminClient();
    CustomResource<?, ?> sample = sample(c, "create");
    try {
      client.resource(sample).create();

      CustomResource<?, ?> stored = get(client, sample);

      assertThat(stored.getSpec()).isEqualTo(sample.getSpec());
      assertThat(stored.getStatus()).as("create ignores the status").isNull();
    } finally {
      client.resource(sample).delete();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void statusSubresourceStoresStatusAndIgnoresSpec(Case c, KubeControlPlane controlPlane)
      throws Exception {
    KubernetesClient client = controlPlane.adminClient();
    CustomResource<?, ?> sample = sample(c, "status");
    try {
      CustomResource<?, ?> created = withoutStatus(client.resource(sample).create());
      setStatus(created, sample.getStatus());
      setSpec(
          created,
          Samples.serialization().convertValue(YAML.readTree(c.changedSpec()), c.specType()));

      client.resource(created).updateStatus();

      CustomResource<?, ?> stored = get(client, sample);
      assertThat(stored.getStatus()).isEqualTo(sample.getStatus());
      assertThat(stored.getSpec())
          .as("the status subresource ignores spec")
          .isEqualTo(sample.getSpec());
      assertThat(kubectlHeader(controlPlane, sample)).isEqualTo(c.wantColumns());
    } finally {
      client.resource(sample).delete();
    }
  }

  private static CustomResource<?, ?> sample(Case c, String purpose) {
    CustomResource<?, ?> sample = Samples.read(c.type());
    sample.getMetadata().setName(sample.getMetadata().getName() + "-" + purpose);
    sample.getMetadata().setNamespace(sample instanceof Namespaced ? namespace : null);
    return sample;
  }

  private static CustomResource<?, ?> get(KubernetesClient client, CustomResource<?, ?> sample) {
    CustomResource<?, ?> stored = client.resource(sample).get();
    assertThat(stored).as("the API server has " + sample.getMetadata().getName()).isNotNull();
    return stored;
  }

  private static CustomResource<?, ?> withoutStatus(CustomResource<?, ?> created) {
    setStatus(created, null);
    return created;
  }

  // The wildcard types cannot be set directly; the values come from the same kind's sample.
  @SuppressWarnings("unchecked")
  private static <S, T> void setStatus(CustomResource<S, T> resource, @Nullable Object status) {
    resource.setStatus((T) status);
  }

  @SuppressWarnings("unchecked")
  private static <S, T> void setSpec(CustomResource<S, T> resource, Object spec) {
    resource.setSpec((S) spec);
  }

  private static List<String> kubectlHeader(
      KubeControlPlane controlPlane, CustomResource<?, ?> object) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "get",
                object.getPlural() + "." + object.getGroup(),
                object.getMetadata().getName()));
    if (object.getMetadata().getNamespace() != null) {
      args.addAll(List.of("-n", object.getMetadata().getNamespace()));
    }
    String stdout =
        controlPlane
            .kubectl(controlPlane.adminKubeconfig(), args.toArray(String[]::new))
            .assertSuccess()
            .stdout();
    return Arrays.asList(stdout.lines().findFirst().orElse("").strip().split("\\s{2,}"));
  }
}

package dev.pinnipedjava.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.KubectlResult;
import dev.pinnipedjava.testkit.WithKubeControlPlane;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real API server accepts every manifest in deploy/, file by file and through kustomize, and
 * once installed the apps' service accounts can do what they need and no more.
 */
@WithKubeControlPlane
class DeployManifestsE2E {

  private static final DeployDirectory DEPLOY = DeployDirectory.find();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A namespace where Pod Security Admission warns about anything short of "restricted". */
  private static final String RESTRICTED_NAMESPACE = "pod-security-restricted-check";

  @BeforeAll
  static void installCrdsAndNamespaces(KubeControlPlane kube) {
    AdminKubectl kubectl = new AdminKubectl(kube);
    Installation.crds(kubectl, DEPLOY);
    Installation.namespaces(kubectl, DEPLOY);
  }

  static Stream<FileCase> manifestFiles() {
    return DEPLOY.manifestFiles().stream().map(f -> FileCase.of(DEPLOY, f));
  }

  static Stream<FileCase> kustomizations() {
    return DEPLOY.kustomizations().stream().map(d -> FileCase.of(DEPLOY, d));
  }

  record DeploymentCase(String name, ManifestObject deployment) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<DeploymentCase> deployments() {
    return Manifests.load(DEPLOY.manifestFiles()).ofKind("Deployment").stream()
        .map(d -> new DeploymentCase(DEPLOY.display(d.file()) + ": " + d, d));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifestFiles")
  void serverAcceptsManifestFile(FileCase c, KubeControlPlane kube) {
    KubectlResult result =
        new AdminKubectl(kube).run("apply", "--dry-run=server", "-f", c.path().toString());

    assertAcceptedWithoutWarnings(c.name(), result);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kustomizations")
  void serverAcceptsKustomization(FileCase c, KubeControlPlane kube) {
    KubectlResult result =
        new AdminKubectl(kube).run("apply", "--dry-run=server", "-k", c.path().toString());

    assertAcceptedWithoutWarnings(c.name(), result);
  }

  /**
   * The Supervisor's namespace enforces the "restricted" Pod Security Standard; the Concierge's
   * cannot (its kube-cert-agent is privileged), so the check runs in a namespace of its own that
   * warns about every breach.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("deployments")
  void deploymentMeetsRestrictedPodSecurityStandard(DeploymentCase c, KubeControlPlane kube) {
    AdminKubectl kubectl = new AdminKubectl(kube);
    kubectl.succeedWithInput(
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %s
          labels:
            pod-security.kubernetes.io/warn: restricted
        """
            .formatted(RESTRICTED_NAMESPACE),
        "apply",
        "-f",
        "-");
    ObjectNode moved = c.deployment().body().deepCopy();
    moved.withObjectProperty("metadata").put("namespace", RESTRICTED_NAMESPACE);

    KubectlResult result =
        kubectl.runWithInput(moved.toString(), "apply", "--dry-run=server", "-f", "-");

    assertAcceptedWithoutWarnings(c.name(), result);
  }

  private static void assertAcceptedWithoutWarnings(String what, KubectlResult result) {
    assertThat(result.exitCode())
        .as("kubectl exit code for %s; stderr:%n%s", what, result.stderr())
        .isZero();
    assertThat(result.stderr()).as("warnings for %s", what).isBlank();
  }

  /** Runs after the dry runs above: installs both apps for real, then asks who may do what. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class OnceInstalled {

    /**
     * Each question is a SubjectAccessReview created with kubectl, which asks the API server's own
     * authorizer. {@code kubectl auth can-i} cannot ask all of them: anonymous callers may not
     * create the SelfSubjectAccessReview it sends, and it resolves resources through discovery,
     * which knows nothing of impersonation-only resources (uids) or of aggregated APIs whose server
     * is not running, so it would ask about the wrong API group.
     */
    record Who(String user, List<String> groups) {
      static Who serviceAccount(String namespace, String name) {
        return new Who(
            "system:serviceaccount:" + namespace + ":" + name,
            List.of(
                "system:serviceaccounts",
                "system:serviceaccounts:" + namespace,
                "system:authenticated"));
      }
    }

    static final Who CONCIERGE = Who.serviceAccount("pinniped-concierge", "pinniped-concierge");
    static final Who IMPERSONATION_PROXY =
        Who.serviceAccount("pinniped-concierge", "pinniped-concierge-impersonation-proxy");
    static final Who KUBE_CERT_AGENT =
        Who.serviceAccount("pinniped-concierge", "pinniped-concierge-kube-cert-agent");
    static final Who SUPERVISOR = Who.serviceAccount("pinniped-supervisor", "pinniped-supervisor");
    static final Who ANONYMOUS = new Who("system:anonymous", List.of("system:unauthenticated"));
    static final Who SOMEONE = new Who("alice", List.of("system:authenticated"));

    /** One question; {@code resource} is {@code plural} or {@code plural.group}. */
    record Case(
        String name,
        Who who,
        String verb,
        String resource,
        @Nullable String object,
        @Nullable String subresource,
        @Nullable String namespace,
        boolean allowed) {
      @Override
      public String toString() {
        return name;
      }

      Case named(String object) {
        return new Case(name, who, verb, resource, object, subresource, namespace, allowed);
      }

      Case sub(String subresource) {
        return new Case(name, who, verb, resource, object, subresource, namespace, allowed);
      }

      Case in(String namespace) {
        return new Case(name, who, verb, resource, object, subresource, namespace, allowed);
      }

      String subjectAccessReview() {
        ObjectNode review = JSON.createObjectNode();
        review.put("apiVersion", "authorization.k8s.io/v1").put("kind", "SubjectAccessReview");
        ObjectNode spec = review.putObject("spec").put("user", who.user());
        who.groups().forEach(spec.putArray("groups")::add);
        int dot = resource.indexOf('.');
        ObjectNode attributes =
            spec.putObject("resourceAttributes")
                .put("verb", verb)
                .put("resource", dot < 0 ? resource : resource.substring(0, dot))
                .put("group", dot < 0 ? "" : resource.substring(dot + 1));
        if (object != null) {
          attributes.put("name", object);
        }
        if (subresource != null) {
          attributes.put("subresource", subresource);
        }
        if (namespace != null) {
          attributes.put("namespace", namespace);
        }
        return review.toString();
      }
    }

    static Case can(String name, Who who, String verb, String resource) {
      return new Case(name, who, verb, resource, null, null, null, true);
    }

    static Case cannot(String name, Who who, String verb, String resource) {
      return new Case(name, who, verb, resource, null, null, null, false);
    }

    static Stream<Case> cases() {
      String tcr = "tokencredentialrequests.login.concierge.pinniped.dev";
      String whoami = "whoamirequests.identity.concierge.pinniped.dev";
      String apiServices = "apiservices.apiregistration.k8s.io";
      String credentialIssuers = "credentialissuers.config.concierge.pinniped.dev";
      String federationDomains = "federationdomains.config.supervisor.pinniped.dev";
      return Stream.of(
          // The Concierge as an aggregated API server.
          can(
              "concierge reviews tokens",
              CONCIERGE,
              "create",
              "tokenreviews.authentication.k8s.io"),
          can(
              "concierge reviews access",
              CONCIERGE,
              "create",
              "subjectaccessreviews.authorization.k8s.io"),
          can("concierge reads the front-proxy CA", CONCIERGE, "get", "configmaps")
              .named("extension-apiserver-authentication")
              .in("kube-system"),
          cannot(
                  "concierge reads no other ConfigMap in kube-system",
                  CONCIERGE,
                  "get",
                  "configmaps")
              .named("kube-proxy")
              .in("kube-system"),
          can("concierge updates its own APIService", CONCIERGE, "update", apiServices)
              .named("v1alpha1.login.concierge.pinniped.dev"),
          cannot("concierge cannot redirect another APIService", CONCIERGE, "update", apiServices)
              .named("v1.apps"),
          cannot(
                  "concierge cannot redirect the Supervisor's APIService",
                  CONCIERGE,
                  "patch",
                  apiServices)
              .named("v1alpha1.clientsecret.supervisor.pinniped.dev"),
          cannot("concierge creates no APIService", CONCIERGE, "create", apiServices),
          // Its own namespace.
          can("concierge writes Secrets in its namespace", CONCIERGE, "create", "secrets")
              .in("pinniped-concierge"),
          can("concierge execs into the kube-cert-agent", CONCIERGE, "create", "pods")
              .sub("exec")
              .in("pinniped-concierge"),
          can(
                  "concierge gets tokens for the impersonation proxy",
                  CONCIERGE,
                  "create",
                  "serviceaccounts")
              .named("pinniped-concierge-impersonation-proxy")
              .sub("token")
              .in("pinniped-concierge"),
          cannot(
                  "concierge gets tokens for no other service account",
                  CONCIERGE,
                  "create",
                  "serviceaccounts")
              .named("pinniped-concierge")
              .sub("token")
              .in("pinniped-concierge"),
          can(
                  "concierge writes its CredentialIssuer's status",
                  CONCIERGE,
                  "update",
                  credentialIssuers)
              .named("pinniped-concierge-config")
              .sub("status"),
          cannot(
                  "concierge writes no other CredentialIssuer's status",
                  CONCIERGE,
                  "update",
                  credentialIssuers)
              .named("someone-elses")
              .sub("status"),
          cannot(
              "concierge cannot change authenticators",
              CONCIERGE,
              "update",
              "jwtauthenticators.authentication.concierge.pinniped.dev"),
          // Elsewhere.
          can("concierge finds the kube-controller-manager", CONCIERGE, "list", "pods")
              .in("kube-system"),
          cannot("concierge creates no pods in kube-system", CONCIERGE, "create", "pods")
              .in("kube-system"),
          cannot("concierge execs into nothing in kube-system", CONCIERGE, "create", "pods")
              .sub("exec")
              .in("kube-system"),
          cannot("concierge reads no Secrets in kube-system", CONCIERGE, "get", "secrets")
              .in("kube-system"),
          cannot("concierge lists no Secrets in other namespaces", CONCIERGE, "list", "secrets")
              .in("default"),
          can("concierge reads cluster-info", CONCIERGE, "get", "configmaps")
              .named("cluster-info")
              .in("kube-public"),
          cannot(
                  "concierge reads no other ConfigMap in kube-public",
                  CONCIERGE,
                  "get",
                  "configmaps")
              .named("other")
              .in("kube-public"),
          cannot("concierge cannot delete namespaces", CONCIERGE, "delete", "namespaces"),
          cannot("concierge cannot impersonate anyone itself", CONCIERGE, "impersonate", "users"),
          // The impersonation proxy's identity.
          can(
              "impersonation proxy impersonates users",
              IMPERSONATION_PROXY,
              "impersonate",
              "users"),
          can(
              "impersonation proxy impersonates groups",
              IMPERSONATION_PROXY,
              "impersonate",
              "groups"),
          can(
              "impersonation proxy impersonates service accounts",
              IMPERSONATION_PROXY,
              "impersonate",
              "serviceaccounts"),
          can(
              "impersonation proxy impersonates UIDs",
              IMPERSONATION_PROXY,
              "impersonate",
              "uids.authentication.k8s.io"),
          can(
                  "impersonation proxy impersonates extra fields",
                  IMPERSONATION_PROXY,
                  "impersonate",
                  "userextras.authentication.k8s.io")
              .sub("scopes"),
          cannot("impersonation proxy reads no Secrets", IMPERSONATION_PROXY, "get", "secrets")
              .in("pinniped-concierge"),
          cannot("impersonation proxy lists no pods", IMPERSONATION_PROXY, "list", "pods")
              .in("default"),
          // The kube-cert-agent's identity.
          cannot("kube-cert-agent reads no Secrets", KUBE_CERT_AGENT, "get", "secrets")
              .in("pinniped-concierge"),
          cannot("kube-cert-agent lists no pods", KUBE_CERT_AGENT, "list", "pods")
              .in("kube-system"),
          // Callers before they have a cluster credential.
          can("anonymous creates TokenCredentialRequests", ANONYMOUS, "create", tcr),
          can("anonymous creates WhoAmIRequests", ANONYMOUS, "create", whoami),
          cannot("anonymous lists no Secrets", ANONYMOUS, "list", "secrets")
              .in("pinniped-concierge"),
          cannot(
              "anonymous lists no authenticators",
              ANONYMOUS,
              "list",
              "jwtauthenticators.authentication.concierge.pinniped.dev"),
          cannot(
                  "anonymous creates no client secrets",
                  ANONYMOUS,
                  "create",
                  "oidcclientsecretrequests.clientsecret.supervisor.pinniped.dev")
              .in("pinniped-supervisor"),
          can("any authenticated user asks who they are", SOMEONE, "create", whoami),
          can("any authenticated user creates TokenCredentialRequests", SOMEONE, "create", tcr),
          cannot("an authenticated user reads no Supervisor Secrets", SOMEONE, "get", "secrets")
              .in("pinniped-supervisor"),
          // The Supervisor.
          can("supervisor writes Secrets in its namespace", SUPERVISOR, "create", "secrets")
              .in("pinniped-supervisor"),
          can("supervisor writes FederationDomain status", SUPERVISOR, "update", federationDomains)
              .sub("status")
              .in("pinniped-supervisor"),
          cannot(
                  "supervisor does not change FederationDomains",
                  SUPERVISOR,
                  "update",
                  federationDomains)
              .in("pinniped-supervisor"),
          can(
                  "supervisor watches identity providers",
                  SUPERVISOR,
                  "watch",
                  "oidcidentityproviders.idp.supervisor.pinniped.dev")
              .in("pinniped-supervisor"),
          cannot(
                  "supervisor lists no FederationDomains elsewhere",
                  SUPERVISOR,
                  "list",
                  federationDomains)
              .in("default"),
          cannot("supervisor reads no Concierge Secrets", SUPERVISOR, "get", "secrets")
              .in("pinniped-concierge"),
          cannot("supervisor reads no Secrets in kube-system", SUPERVISOR, "get", "secrets")
              .in("kube-system"),
          can(
              "supervisor reviews tokens",
              SUPERVISOR,
              "create",
              "tokenreviews.authentication.k8s.io"),
          can("supervisor updates its own APIService", SUPERVISOR, "update", apiServices)
              .named("v1alpha1.clientsecret.supervisor.pinniped.dev"),
          cannot(
                  "supervisor cannot redirect the Concierge's APIService",
                  SUPERVISOR,
                  "update",
                  apiServices)
              .named("v1alpha1.login.concierge.pinniped.dev"),
          cannot("supervisor cannot delete namespaces", SUPERVISOR, "delete", "namespaces"));
    }

    @BeforeAll
    void installBothApps(KubeControlPlane kube) {
      Installation.apps(new AdminKubectl(kube), DEPLOY);
    }

    @AfterAll
    void removeApiServices(KubeControlPlane kube) {
      Installation.removeApiServices(new AdminKubectl(kube), DEPLOY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void permission(Case c, KubeControlPlane kube) {
      String review = c.subjectAccessReview();

      String answer =
          new AdminKubectl(kube).succeedWithInput(review, "create", "-o", "json", "-f", "-");

      assertThat(Manifests.parseYaml(answer).at("/status/allowed").asBoolean())
          .as("allowed for %s", review)
          .isEqualTo(c.allowed());
    }
  }
}

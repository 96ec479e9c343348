package dev.pinnipedjava.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every name, port and API group that one object in deploy/ uses to refer to another agrees with
 * that other object, including the names and ports inside the apps' pinniped.yaml.
 */
class ManifestReferencesTest {

  private static final DeployDirectory DEPLOY = DeployDirectory.find();
  private static final Manifests MANIFESTS = Manifests.load(DEPLOY.manifestFiles());

  /** Objects outside our manifests that our bindings may name: they come with every cluster. */
  private static final Set<String> BUILT_IN_ROLES =
      Set.of(
          "ClusterRole system:auth-delegator",
          "Role kube-system/extension-apiserver-authentication-reader");

  private static final Set<String> BUILT_IN_NAMESPACES = Set.of("kube-system", "kube-public");

  record Check(String name, Executable assertion) {
    @Override
    public String toString() {
      return name;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void referenceAgrees(Check c) {
    assertThatCode(c.assertion()::execute).as(c.name()).doesNotThrowAnyException();
  }

  static Stream<Check> checks() {
    List<Check> checks = new ArrayList<>();
    MANIFESTS.all().stream()
        .filter(o -> o.namespace() != null)
        .forEach(o -> checks.add(namespaceExists(o)));
    for (ManifestObject binding : bindings()) {
      checks.add(roleRefExists(binding));
      for (JsonNode subject : binding.body().path("subjects")) {
        if (subject.path("kind").asText().equals("ServiceAccount")) {
          checks.add(serviceAccountExists(binding, subject));
        }
      }
    }
    MANIFESTS.ofKind("Service").forEach(s -> checks.add(serviceReachesOneDeployment(s)));
    MANIFESTS.ofKind("APIService").forEach(a -> checks.add(apiServiceNamesService(a)));
    MANIFESTS.ofKind("Deployment").forEach(d -> checks.addAll(deploymentDependencies(d)));
    for (ManifestObject role : roles()) {
      for (JsonNode rule : role.body().path("rules")) {
        checks.addAll(pinnipedResourcesAreServed(role, rule));
      }
    }
    checks.addAll(conciergeConfig());
    checks.addAll(supervisorConfig());
    return checks.stream();
  }

  private static Check namespaceExists(ManifestObject o) {
    String namespace = Objects.requireNonNull(o.namespace());
    return new Check(
        o + " is in a namespace that exists",
        () ->
            assertThat(
                    BUILT_IN_NAMESPACES.contains(namespace)
                        || MANIFESTS.find("Namespace", namespace).isPresent())
                .as("namespace %s of %s in %s", namespace, o, o.file())
                .isTrue());
  }

  private static Check roleRefExists(ManifestObject binding) {
    JsonNode ref = binding.body().path("roleRef");
    String kind = ref.path("kind").asText();
    String name = ref.path("name").asText();
    String key = kind + " " + (kind.equals("Role") ? binding.namespace() + "/" : "") + name;
    return new Check(
        binding + " grants a role that exists",
        () ->
            assertThat(
                    BUILT_IN_ROLES.contains(key)
                        || MANIFESTS.all().stream()
                            .anyMatch(
                                o ->
                                    o.is(kind, name)
                                        && Objects.equals(o.namespace(), binding.namespace())))
                .as("%s of %s", key, binding)
                .isTrue());
  }

  private static Check serviceAccountExists(ManifestObject binding, JsonNode subject) {
    String name = subject.path("name").asText();
    String namespace = subject.path("namespace").asText();
    return new Check(
        binding + " binds service account " + namespace + "/" + name + ", which exists",
        () ->
            assertThat(
                    MANIFESTS.all().stream()
                        .anyMatch(
                            o -> o.is("ServiceAccount", name) && namespace.equals(o.namespace())))
                .as("service account %s/%s", namespace, name)
                .isTrue());
  }

  private static Check serviceReachesOneDeployment(ManifestObject service) {
    return new Check(
        service + " selects the pods of one Deployment and targets their ports",
        () -> {
          Map<String, String> selector = stringMap(service.body().path("spec").path("selector"));
          List<Deployment> selected =
              deployments().stream()
                  .filter(d -> Objects.equals(d.getMetadata().getNamespace(), service.namespace()))
                  .filter(
                      d ->
                          d.getSpec()
                              .getTemplate()
                              .getMetadata()
                              .getLabels()
                              .entrySet()
                              .containsAll(selector.entrySet()))
                  .toList();
          assertThat(selected).as("Deployments selected by %s", service).hasSize(1);
          Set<Integer> containerPorts =
              containerPorts(selected.get(0).getSpec().getTemplate().getSpec());
          for (JsonNode port : service.body().path("spec").path("ports")) {
            assertThat(containerPorts)
                .as("container ports for targetPort of %s", service)
                .contains(port.path("targetPort").asInt());
          }
        });
  }

  private static Check apiServiceNamesService(ManifestObject apiService) {
    JsonNode ref = apiService.body().path("spec").path("service");
    String name = ref.path("name").asText();
    String namespace = ref.path("namespace").asText();
    int port = ref.path("port").asInt();
    return new Check(
        apiService + " is served by Service " + namespace + "/" + name + " port " + port,
        () -> {
          ManifestObject service = MANIFESTS.get("Service", name);
          assertThat(service.namespace()).isEqualTo(namespace);
          assertThat(service.body().path("spec").path("ports").findValuesAsText("port"))
              .contains(String.valueOf(port));
        });
  }

  private static List<Check> deploymentDependencies(ManifestObject object) {
    Deployment deployment = Manifests.as(object, Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    List<Check> checks = new ArrayList<>();
    checks.add(
        new Check(
            object + " runs as service account " + pod.getServiceAccountName() + ", which exists",
            () ->
                assertNamespaced(
                    "ServiceAccount", pod.getServiceAccountName(), object.namespace())));
    pod.getVolumes().stream()
        .filter(v -> v.getConfigMap() != null)
        .forEach(
            v ->
                checks.add(
                    new Check(
                        object
                            + " mounts ConfigMap "
                            + v.getConfigMap().getName()
                            + ", which exists",
                        () ->
                            assertNamespaced(
                                "ConfigMap", v.getConfigMap().getName(), object.namespace()))));
    return checks;
  }

  /**
   * A rule on a Pinniped API group names only resources that our CRDs or aggregated APIs serve, so
   * a misspelt group or resource cannot silently grant nothing.
   */
  private static List<Check> pinnipedResourcesAreServed(ManifestObject role, JsonNode rule) {
    List<Check> checks = new ArrayList<>();
    for (JsonNode group : rule.path("apiGroups")) {
      if (!group.asText().endsWith(".pinniped.dev")) {
        continue;
      }
      for (JsonNode resource : rule.path("resources")) {
        String plural = resource.asText().replaceFirst("/status$", "");
        checks.add(
            new Check(
                role + " names " + resource.asText() + "." + group.asText() + ", which is served",
                () ->
                    assertThat(servedResources())
                        .as("resources served by the CRDs and APIServices in deploy/")
                        .containsAnyOf(plural + "." + group.asText(), "*." + group.asText())));
      }
    }
    return checks;
  }

  private static List<Check> conciergeConfig() {
    ManifestObject configMap = MANIFESTS.get("ConfigMap", "pinniped-concierge-config");
    JsonNode config = pinnipedYaml(configMap);
    Deployment deployment = deployment("pinniped-concierge");
    String namespace = "pinniped-concierge";
    return List.of(
        names("concierge", config, "apiService", "Service", namespace),
        names("concierge", config, "credentialIssuer", "CredentialIssuer", null),
        names("concierge", config, "agentServiceAccount", "ServiceAccount", namespace),
        names("concierge", config, "impersonationProxyServiceAccount", "ServiceAccount", namespace),
        new Check(
            "concierge kubeCertAgent.image is the Concierge's own image",
            () ->
                assertThat(config.at("/kubeCertAgent/image").asText())
                    .isEqualTo(onlyContainer(deployment).getImage())),
        portAgrees(config, "aggregatedAPIServerPort", deployment, "pinniped-concierge-api"),
        portAgrees(config, "impersonationProxyServerPort", deployment, "pinniped-concierge-proxy"),
        new Check(
            "concierge probes use aggregatedAPIServerPort",
            () ->
                assertThat(probePorts(deployment))
                    .containsOnly(config.path("aggregatedAPIServerPort").asInt())));
  }

  private static List<Check> supervisorConfig() {
    ManifestObject configMap = MANIFESTS.get("ConfigMap", "pinniped-supervisor-static-config");
    JsonNode config = pinnipedYaml(configMap);
    Deployment deployment = deployment("pinniped-supervisor");
    String address = config.at("/endpoints/https/address").asText();
    int httpsPort = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    return List.of(
        names("supervisor", config, "apiService", "Service", "pinniped-supervisor"),
        portAgrees(config, "aggregatedAPIServerPort", deployment, "pinniped-supervisor-api"),
        new Check(
            "supervisor endpoints.https is a container port, the probes' port and the clusterip target",
            () -> {
              assertThat(containerPorts(deployment.getSpec().getTemplate().getSpec()))
                  .contains(httpsPort);
              assertThat(probePorts(deployment)).containsOnly(httpsPort);
              assertThat(targetPorts(MANIFESTS.get("Service", "pinniped-supervisor-clusterip")))
                  .containsOnly(httpsPort);
            }));
  }

  private static Check names(
      String app, JsonNode config, String key, String kind, @Nullable String namespace) {
    String name = config.path("names").path(key).asText();
    return new Check(
        app + " names." + key + " is " + kind + " " + name + ", which exists",
        () -> assertNamespaced(kind, name, namespace));
  }

  private static Check portAgrees(
      JsonNode config, String key, Deployment deployment, String service) {
    int port = config.path(key).asInt();
    return new Check(
        deployment.getMetadata().getName()
            + " "
            + key
            + " "
            + port
            + " is its container port and the target of Service "
            + service,
        () -> {
          assertThat(containerPorts(deployment.getSpec().getTemplate().getSpec())).contains(port);
          assertThat(targetPorts(MANIFESTS.get("Service", service))).containsOnly(port);
        });
  }

  private static void assertNamespaced(String kind, String name, @Nullable String namespace) {
    assertThat(
            MANIFESTS.all().stream()
                .anyMatch(o -> o.is(kind, name) && Objects.equals(o.namespace(), namespace)))
        .as("%s %s in namespace %s exists in deploy/", kind, name, namespace)
        .isTrue();
  }

  private static Set<String> servedResources() {
    Set<String> served = new HashSet<>();
    for (ManifestObject crd : MANIFESTS.ofKind("CustomResourceDefinition")) {
      JsonNode spec = crd.body().path("spec");
      served.add(spec.at("/names/plural").asText() + "." + spec.path("group").asText());
    }
    // Aggregated APIs have no CRD to list their resources; the group alone is checked for them.
    for (ManifestObject apiService : MANIFESTS.ofKind("APIService")) {
      served.add("*." + apiService.body().at("/spec/group").asText());
    }
    return served;
  }

  private static List<ManifestObject> bindings() {
    return Stream.concat(
            MANIFESTS.ofKind("RoleBinding").stream(),
            MANIFESTS.ofKind("ClusterRoleBinding").stream())
        .toList();
  }

  private static List<ManifestObject> roles() {
    return Stream.concat(
            MANIFESTS.ofKind("Role").stream(), MANIFESTS.ofKind("ClusterRole").stream())
        .toList();
  }

  private static List<Deployment> deployments() {
    return MANIFESTS.ofKind("Deployment").stream()
        .map(o -> Manifests.as(o, Deployment.class))
        .toList();
  }

  private static Deployment deployment(String name) {
    return Manifests.as(MANIFESTS.get("Deployment", name), Deployment.class);
  }

  private static Container onlyContainer(Deployment deployment) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  private static JsonNode pinnipedYaml(ManifestObject configMap) {
    return Manifests.parseYaml(configMap.body().at("/data/pinniped.yaml").asText());
  }

  private static Set<Integer> containerPorts(PodSpec pod) {
    Set<Integer> ports = new HashSet<>();
    pod.getContainers()
        .forEach(
            c -> c.getPorts().stream().map(ContainerPort::getContainerPort).forEach(ports::add));
    return ports;
  }

  private static Set<Integer> probePorts(Deployment deployment) {
    Set<Integer> ports = new HashSet<>();
    for (Container c : deployment.getSpec().getTemplate().getSpec().getContainers()) {
      Stream.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe())
          .filter(Objects::nonNull)
          .forEach(p -> ports.add(p.getHttpGet().getPort().getIntVal()));
    }
    return ports;
  }

  private static Set<Integer> targetPorts(ManifestObject service) {
    Set<Integer> ports = new HashSet<>();
    service.body().at("/spec/ports").forEach(p -> ports.add(p.path("targetPort").asInt()));
    return ports;
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }
}

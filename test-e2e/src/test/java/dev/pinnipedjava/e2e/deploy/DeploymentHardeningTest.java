package dev.pinnipedjava.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every container of every Deployment in deploy/ is locked down as Pinniped's are: each rule below
 * is checked against each container, so a new Deployment or container is covered without a new
 * test.
 */
class DeploymentHardeningTest {

  private static final DeployDirectory DEPLOY = DeployDirectory.find();

  /** A container together with the pod it runs in, since several settings may be set on either. */
  record PodContainer(String deployment, PodSpec pod, Container container) {

    SecurityContext security() {
      return Objects.requireNonNullElseGet(container.getSecurityContext(), SecurityContext::new);
    }

    PodSecurityContext podSecurity() {
      return Objects.requireNonNullElseGet(pod.getSecurityContext(), PodSecurityContext::new);
    }

    /** A container setting wins over the pod's, as in the kubelet. */
    <T> @Nullable T effective(
        Function<SecurityContext, @Nullable T> ofContainer,
        Function<PodSecurityContext, @Nullable T> ofPod) {
      T value = ofContainer.apply(security());
      return value != null ? value : ofPod.apply(podSecurity());
    }

    Optional<Volume> volumeMountedAt(String path) {
      return container.getVolumeMounts().stream()
          .filter(m -> m.getMountPath().equals(path))
          .findFirst()
          .flatMap(
              m ->
                  pod.getVolumes().stream()
                      .filter(v -> v.getName().equals(m.getName()))
                      .findFirst());
    }
  }

  record Rule(String name, Predicate<PodContainer> holds) {}

  record Case(String name, PodContainer subject, Rule rule) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Rule> RULES =
      List.of(
          new Rule(
              "runs as a non-root user",
              c ->
                  Boolean.TRUE.equals(
                          c.effective(
                              SecurityContext::getRunAsNonRoot,
                              PodSecurityContext::getRunAsNonRoot))
                      && isNonRootId(
                          c.effective(
                              SecurityContext::getRunAsUser, PodSecurityContext::getRunAsUser))
                      && isNonRootId(
                          c.effective(
                              SecurityContext::getRunAsGroup, PodSecurityContext::getRunAsGroup))),
          new Rule(
              "has a read-only root filesystem",
              c -> Boolean.TRUE.equals(c.security().getReadOnlyRootFilesystem())),
          new Rule(
              "cannot escalate privileges",
              c ->
                  Boolean.FALSE.equals(c.security().getAllowPrivilegeEscalation())
                      && !Boolean.TRUE.equals(c.security().getPrivileged())),
          new Rule(
              "drops all capabilities and adds none",
              c -> {
                Capabilities caps = c.security().getCapabilities();
                return caps != null && caps.getDrop().contains("ALL") && caps.getAdd().isEmpty();
              }),
          new Rule(
              "uses the RuntimeDefault seccomp profile",
              c -> {
                SeccompProfile profile =
                    c.effective(
                        SecurityContext::getSeccompProfile, PodSecurityContext::getSeccompProfile);
                return profile != null && "RuntimeDefault".equals(profile.getType());
              }),
          new Rule(
              "shares no host namespace",
              c ->
                  !Boolean.TRUE.equals(c.pod().getHostNetwork())
                      && !Boolean.TRUE.equals(c.pod().getHostPID())
                      && !Boolean.TRUE.equals(c.pod().getHostIPC())),
          new Rule(
              "has liveness and readiness probes on /healthz over HTTPS",
              c ->
                  isHealthzOverHttps(c.container().getLivenessProbe())
                      && isHealthzOverHttps(c.container().getReadinessProbe())),
          new Rule(
              "requests and limits CPU and memory",
              c -> {
                ResourceRequirements r = c.container().getResources();
                return r != null
                    && r.getRequests().keySet().containsAll(List.of("cpu", "memory"))
                    && r.getLimits().keySet().containsAll(List.of("cpu", "memory"));
              }),
          new Rule(
              "writes only to a memory-backed /tmp of bounded size",
              c ->
                  c.volumeMountedAt("/tmp")
                      .map(Volume::getEmptyDir)
                      .filter(d -> "Memory".equals(d.getMedium()) && d.getSizeLimit() != null)
                      .isPresent()));

  static Stream<Case> cases() {
    Manifests manifests = Manifests.load(DEPLOY.manifestFiles());
    return manifests.ofKind("Deployment").stream()
        .map(o -> Manifests.as(o, Deployment.class))
        .flatMap(
            d -> {
              PodSpec pod = d.getSpec().getTemplate().getSpec();
              return Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream())
                  .map(c -> new PodContainer(d.getMetadata().getName(), pod, c));
            })
        .flatMap(
            c ->
                RULES.stream()
                    .map(
                        r ->
                            new Case(
                                c.deployment()
                                    + " container "
                                    + c.container().getName()
                                    + " "
                                    + r.name(),
                                c,
                                r)));
  }

  @Test
  void bothServersAreChecked() {
    assertThat(cases().map(c -> c.subject().deployment()).distinct())
        .containsExactlyInAnyOrder("pinniped-concierge", "pinniped-supervisor");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void containerIsHardened(Case c) {
    assertThat(c.rule().holds().test(c.subject()))
        .as("%s: %s", c.name(), c.subject().container())
        .isTrue();
  }

  private static boolean isNonRootId(@Nullable Long id) {
    return id != null && id != 0;
  }

  private static boolean isHealthzOverHttps(@Nullable Probe probe) {
    return probe != null
        && probe.getHttpGet() != null
        && "/healthz".equals(probe.getHttpGet().getPath())
        && "HTTPS".equals(probe.getHttpGet().getScheme());
  }
}

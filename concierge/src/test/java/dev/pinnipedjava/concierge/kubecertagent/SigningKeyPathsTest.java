package dev.pinnipedjava.concierge.kubecertagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The signing key's paths, read from the kube-controller-manager's command line. */
class SigningKeyPathsTest {
  record Case(
      String name, List<String> command, List<String> args, String wantCert, String wantKey) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "no flags: Pinniped's defaults",
            List.of("kube-controller-manager"),
            List.of(),
            "/etc/kubernetes/ca/ca.pem",
            "/etc/kubernetes/ca/ca.key"),
        new Case(
            "general signer flags with =",
            List.of(
                "kube-controller-manager",
                "--cluster-signing-cert-file=/pki/ca.crt",
                "--cluster-signing-key-file=/pki/ca.key"),
            List.of(),
            "/pki/ca.crt",
            "/pki/ca.key"),
        new Case(
            "flags as separate words, in args",
            List.of("kube-controller-manager"),
            List.of(
                "--cluster-signing-cert-file", "/a.crt", "--cluster-signing-key-file", "/a.key"),
            "/a.crt",
            "/a.key"),
        new Case(
            "the client-certificate signer wins over the general one",
            List.of(
                "kube-controller-manager",
                "--cluster-signing-cert-file=/general.crt",
                "--cluster-signing-key-file=/general.key",
                "--cluster-signing-kube-apiserver-client-cert-file=/client.crt",
                "--cluster-signing-kube-apiserver-client-key-file=/client.key"),
            List.of(),
            "/client.crt",
            "/client.key"),
        new Case(
            "an empty value is no value",
            List.of("kube-controller-manager", "--cluster-signing-cert-file="),
            List.of(),
            "/etc/kubernetes/ca/ca.pem",
            "/etc/kubernetes/ca/ca.key"),
        new Case(
            "a flag with a longer name is another flag",
            List.of("kube-controller-manager", "--cluster-signing-cert-file-x=/x.crt"),
            List.of(),
            "/etc/kubernetes/ca/ca.pem",
            "/etc/kubernetes/ca/ca.key"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void paths(Case testCase) {
    Pod controllerManager =
        new PodBuilder()
            .withNewSpec()
            .withContainers(
                new ContainerBuilder()
                    .withName("kube-controller-manager")
                    .withCommand(testCase.command())
                    .withArgs(testCase.args())
                    .build())
            .endSpec()
            .build();

    assertThat(SigningKeyPaths.of(controllerManager))
        .isEqualTo(new SigningKeyPaths(testCase.wantCert(), testCase.wantKey()));
  }
}

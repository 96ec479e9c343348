package dev.pinnipedjava.e2e.deploy;

import dev.pinnipedjava.testkit.KubeControlPlane;
import dev.pinnipedjava.testkit.KubectlResult;
import java.util.List;

/** The real kubectl, as the control plane's admin; a failure names the command and shows stderr. */
record AdminKubectl(KubeControlPlane kube) {

  KubectlResult run(String... args) {
    return kube.kubectl(kube.adminKubeconfig(), args);
  }

  KubectlResult runWithInput(String stdin, String... args) {
    return kube.kubectl(kube.adminKubeconfig(), stdin, List.of(args));
  }

  /** Runs kubectl and returns its stdout; fails unless it exits 0. */
  String succeed(String... args) {
    return succeeded(run(args), List.of(args));
  }

  /** Runs kubectl with {@code stdin} as its input (for {@code -f -}); fails unless it exits 0. */
  String succeedWithInput(String stdin, String... args) {
    return succeeded(runWithInput(stdin, args), List.of(args));
  }

  private static String succeeded(KubectlResult result, List<String> args) {
    if (result.exitCode() != 0) {
      throw new AssertionError(
          "kubectl "
              + String.join(" ", args)
              + " exited "
              + result.exitCode()
              + "\nstderr:\n"
              + result.stderr()
              + "\nstdout:\n"
              + result.stdout());
    }
    return result.stdout();
  }
}

package dev.pinnipedjava.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs parts of deploy/ for real, as the README tells an admin to. Every step is idempotent,
 * since one API server serves every test class of the run.
 */
final class Installation {

  private static final String ESTABLISHED_TIMEOUT = "--timeout=60s";

  private Installation() {}

  /** Creates every CRD of every app and waits until the API server serves them. */
  static void crds(AdminKubectl kubectl, DeployDirectory deploy) {
    List<Path> crds = deploy.crdFiles();
    assertThat(crds)
        .as(
            "CRD files in deploy/*/crds/ (generated from the api-types module; without them the"
                + " Concierge and Supervisor cannot be installed)")
        .isNotEmpty();
    kubectl.succeed(withFiles(List.of("apply"), crds));
    kubectl.succeed(
        withFiles(List.of("wait", "--for=condition=Established", ESTABLISHED_TIMEOUT), crds));
  }

  /** Creates the apps' namespaces, which the other objects are created in. */
  static void namespaces(AdminKubectl kubectl, DeployDirectory deploy) {
    kubectl.succeed(
        "apply",
        "-f",
        deploy.app("concierge").resolve("namespace.yaml").toString(),
        "-f",
        deploy.app("supervisor").resolve("namespace.yaml").toString());
  }

  /** Installs both apps with kubectl apply -k, after their CRDs. */
  static void apps(AdminKubectl kubectl, DeployDirectory deploy) {
    crds(kubectl, deploy);
    for (String app : List.of("concierge", "supervisor")) {
      kubectl.succeed("apply", "-k", deploy.app(app).toString());
    }
  }

  /**
   * Removes the apps' APIServices. No server answers behind them here, and an unavailable
   * APIService makes discovery (kubectl api-resources, kubectl get with a category) fail for every
   * later test.
   */
  static void removeApiServices(AdminKubectl kubectl, DeployDirectory deploy) {
    List<String> args = new ArrayList<>(List.of("delete", "--ignore-not-found", "apiservice"));
    Manifests.load(deploy.manifestFiles()).ofKind("APIService").forEach(a -> args.add(a.name()));
    kubectl.succeed(args.toArray(String[]::new));
  }

  private static String[] withFiles(List<String> command, List<Path> files) {
    List<String> args = new ArrayList<>(command);
    files.forEach(f -> args.addAll(List.of("-f", f.toString())));
    return args.toArray(String[]::new);
  }
}

package dev.pinnipedjava.e2e.login;

import static dev.pinnipedjava.e2e.login.UserShell.command;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.testkit.WithKubeControlPlane;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Expired sessions: one refresh for twenty kubectl processes at once, and no access once the
 * upstream provider has forgotten the session.
 */
@WithKubeControlPlane
@ExtendWith(LocalStackExtension.class)
class RefreshE2E extends UserMachine {

  @Test
  void twentyKubectlsWithAnExpiredSessionRefreshOnceWithoutABrowser() throws Exception {
    Path kubeconfig =
        e2eKubeconfig(
            LocalStackExtension.AUDIENCE_A, "--upstream-identity-provider-flow", "cli_password");
    Outcome login =
        withPassword().run(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));
    assertThat(login.succeeded()).as(login.toString()).isTrue();
    expireEverythingCached();
    Counts before = counts(LocalStackExtension.ISSUER);

    List<UserShell.Running> runs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      runs.add(shell.start(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces")));
    }
    for (UserShell.Running run : runs) {
      Outcome outcome = run.await();
      assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
    }

    Counts after = counts(LocalStackExtension.ISSUER);
    assertThat(after.authorize()).isEqualTo(before.authorize());
    // One refresh, then one exchange for the cluster's audience.
    assertThat(after.token() - before.token()).isEqualTo(2);
  }

  @Test
  void accessEndsAtTheNextRefreshOnceTheUpstreamForgetsTheSession() throws Exception {
    Path kubeconfig =
        e2eKubeconfig(
            LocalStackExtension.AUDIENCE_A, "--upstream-identity-provider-flow", "cli_password");
    Outcome login =
        withPassword().run(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));
    assertThat(login.succeeded()).as(login.toString()).isTrue();

    // Dex keeps its grants in memory: a new Dex has revoked every refresh token.
    stack.restartDex();
    expireEverythingCached();
    Counts before = counts(LocalStackExtension.ISSUER);
    Outcome outcome = shell.run(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));

    assertThat(outcome.exitCode()).as(outcome.toString()).isNotZero();
    assertThat(outcome.stdout()).doesNotContain("kube-system");
    assertThat(outcome.stderr()).doesNotContain("Exception");
    Counts after = counts(LocalStackExtension.ISSUER);
    // kubectl runs the plugin again after a failure: each run tries the refresh once.
    assertThat(after.token() - before.token()).as("refreshes tried").isPositive();
    assertThat(after.authorize()).as("no login without a password").isEqualTo(before.authorize());
  }
}

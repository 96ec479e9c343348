package dev.pinnipedjava.e2e.login;

import static dev.pinnipedjava.e2e.login.UserShell.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pinnipedjava.testkit.WithKubeControlPlane;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The CLI password flow through kubectl: from environment variables and from prompts on a terminal,
 * a wrong password, a flow the provider disallows, and the flow chosen by environment.
 */
@WithKubeControlPlane
@ExtendWith(LocalStackExtension.class)
class PasswordLoginE2E extends UserMachine {

  @Test
  void passwordFlowFromEnvironmentThenTheCacheServesWithoutTheSupervisor() {
    Path kubeconfig =
        e2eKubeconfig(
            LocalStackExtension.AUDIENCE_A, "--upstream-identity-provider-flow", "cli_password");
    Counts before = counts(LocalStackExtension.ISSUER);

    Outcome first =
        withPassword().run(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));

    assertThat(first.succeeded()).as(first.toString()).isTrue();
    assertThat(first.stdout()).contains("kube-system");
    Counts afterLogin = counts(LocalStackExtension.ISSUER);
    assertThat(afterLogin.authorize() - before.authorize()).isEqualTo(1);

    // No password now: only the caches can answer, and the Supervisor hears nothing.
    Outcome second = shell.run(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));
    assertThat(second.succeeded()).as(second.toString()).isTrue();
    assertThat(counts(LocalStackExtension.ISSUER)).isEqualTo(afterLogin);

    Outcome whoami = shell.run(command(cli, "whoami", "--kubeconfig", kubeconfig));
    assertThat(whoami.succeeded()).as(whoami.toString()).isTrue();
    assertThat(whoami.stdout()).contains(LocalStackExtension.USER.email());
  }

  @Test
  void aWrongPasswordFailsWithAClearMessage() {
    Path kubeconfig =
        e2eKubeconfig(
            LocalStackExtension.AUDIENCE_A, "--upstream-identity-provider-flow", "cli_password");

    Outcome outcome =
        shell
            .with(
                Map.of(
                    "PINNIPED_USERNAME",
                    LocalStackExtension.USER.email(),
                    "PINNIPED_PASSWORD",
                    "not-the-password"))
            .run(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));

    assertThat(outcome.exitCode()).as(outcome.toString()).isNotZero();
    assertThat(outcome.stderr())
        .contains("login failed")
        .doesNotContain("Exception")
        .doesNotContain("not-the-password");
  }

  @Test
  void aFlowTheProviderDisallowsFailsWithAClearMessage() {
    Path kubeconfig =
        kubeconfig(
            LocalStackExtension.CHOOSER_ISSUER,
            LocalStackExtension.CHOOSER_AUDIENCE,
            "--upstream-identity-provider-name",
            LocalStackExtension.DEX_BROWSER_ONLY,
            "--upstream-identity-provider-flow",
            "browser_authcode",
            "--oidc-skip-browser");

    Outcome outcome =
        withPassword()
            .with(Map.of("PINNIPED_UPSTREAM_IDENTITY_PROVIDER_FLOW", "cli_password"))
            .run(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));

    assertThat(outcome.exitCode()).as(outcome.toString()).isNotZero();
    assertThat(outcome.stderr()).contains("cli_password").doesNotContain("Exception");
  }

  @Test
  void theFlowChosenByEnvironmentVariableWinsOverTheKubeconfig() {
    Path kubeconfig =
        e2eKubeconfig(
            LocalStackExtension.AUDIENCE_A,
            "--upstream-identity-provider-flow",
            "browser_authcode",
            "--oidc-skip-browser");

    Outcome outcome =
        withPassword()
            .with(Map.of("PINNIPED_UPSTREAM_IDENTITY_PROVIDER_FLOW", "cli_password"))
            .run(command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));

    assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
    assertThat(outcome.stderr()).doesNotContain("Log in by visiting");
  }

  @Test
  void passwordFlowPromptsOnTheTerminal() {
    Path kubeconfig =
        e2eKubeconfig(
            LocalStackExtension.AUDIENCE_A, "--upstream-identity-provider-flow", "cli_password");

    UserShell.Running terminal =
        PseudoTerminal.start(
            shell, command(kubectl, "--kubeconfig", kubeconfig, "get", "namespaces"));
    awaitOutput(terminal, "Username: ");
    PseudoTerminal.type(terminal, LocalStackExtension.USER.email());
    awaitOutput(terminal, "Password: ");
    PseudoTerminal.type(terminal, LocalStackExtension.PASSWORD);
    await("kubectl finished").atMost(Duration.ofSeconds(60)).until(() -> !terminal.isAlive());

    Outcome outcome = terminal.await();
    assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
    assertThat(outcome.stdout())
        .contains("kube-system")
        .doesNotContain(LocalStackExtension.PASSWORD);
  }
}

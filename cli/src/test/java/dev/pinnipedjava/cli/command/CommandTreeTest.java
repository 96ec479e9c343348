package dev.pinnipedjava.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.cli.http.HttpClientFactory;
import dev.pinnipedjava.cli.testing.CliRun;
import dev.pinnipedjava.cli.testing.CliRun.Result;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The commands, flags and help texts of pinniped-java match Pinniped's CLI reference. */
class CommandTreeTest {

  record HelpCase(String name, List<String> command, List<String> wantInHelp, List<String> hidden) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<HelpCase> helpCases() {
    List<String> conciergeFlags =
        List.of(
            "--enable-concierge",
            "--concierge-authenticator-type",
            "--concierge-authenticator-name",
            "--concierge-endpoint",
            "--concierge-ca-bundle-data",
            "--concierge-api-group-suffix",
            "--credential-cache");
    return Stream.of(
        new HelpCase(
            "root",
            List.of(),
            List.of("login", "whoami", "version", "completion", "help", "-h, --help"),
            List.of()),
        new HelpCase("login", List.of("login"), List.of("oidc", "static"), List.of()),
        new HelpCase(
            "login static",
            List.of("login", "static"),
            concat(List.of("--token=TOKEN", "--token-env=NAME"), conciergeFlags),
            List.of("--concierge-namespace")),
        new HelpCase(
            "login oidc",
            List.of("login", "oidc"),
            concat(
                List.of(
                    "--issuer=URL",
                    "--client-id",
                    "--listen-port",
                    "--scopes",
                    "--skip-browser",
                    "--session-cache",
                    "--ca-bundle=",
                    "--ca-bundle-data",
                    "--request-audience",
                    "--upstream-identity-provider-name",
                    "--upstream-identity-provider-type",
                    "--upstream-identity-provider-flow",
                    "PINNIPED_UPSTREAM_IDENTITY_PROVIDER_FLOW"),
                conciergeFlags),
            List.of("--skip-listen", "--debug-session-cache", "--concierge-namespace")),
        new HelpCase(
            "whoami",
            List.of("whoami"),
            List.of(
                "-o, --output",
                "--kubeconfig=",
                "--kubeconfig-context",
                "--api-group-suffix",
                "--timeout"),
            List.of()),
        new HelpCase("version", List.of("version"), List.of("-o, --output"), List.of()),
        new HelpCase("completion", List.of("completion"), List.of("bash", "zsh"), List.of()));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("helpCases")
  void helpListsEveryFlagAndHidesTheHiddenOnes(HelpCase c) {
    Result result =
        new CliRun()
            .run(Stream.concat(c.command().stream(), Stream.of("--help")).toArray(String[]::new));

    assertThat(result.exitCode()).isZero();
    assertThat(result.stderr()).isEmpty();
    assertThat(result.stdout()).startsWith("Usage: pinniped-java");
    c.wantInHelp().forEach(flag -> assertThat(result.stdout()).contains(flag));
    c.hidden().forEach(flag -> assertThat(result.stdout()).doesNotContain(flag));
  }

  @Test
  void theHelpCommandShowsTheHelpOfACommand() {
    Result viaCommand = new CliRun().run("help", "whoami");
    Result viaFlag = new CliRun().run("whoami", "--help");

    assertThat(viaCommand.exitCode()).isZero();
    assertThat(viaCommand.stdout()).isEqualTo(viaFlag.stdout());
  }

  @Test
  void withoutACommandTheOverviewIsShown() {
    Result result = new CliRun().run();

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo(new CliRun().run("--help").stdout());
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    Result result = new CliRun().run("logout");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .isEqualTo(
            "Error: Unmatched argument at index 0: 'logout'\nRun 'pinniped-java --help' for usage.\n");
  }

  @Test
  void aBugIsReportedWithoutItsStackTraceUnlessDebugging() {
    HttpClientFactory broken =
        tls -> {
          throw new IllegalStateException("a bug");
        };
    String[] args = {
      "login",
      "static",
      "--token=t",
      "--enable-concierge",
      "--concierge-endpoint=https://127.0.0.1:1",
      "--concierge-authenticator-type=jwt",
      "--concierge-authenticator-name=a",
      "--credential-cache="
    };

    Result quiet = new CliRun().httpClients(broken).run(args);
    Result debug = new CliRun().httpClients(broken).env("PINNIPED_DEBUG", "true").run(args);

    assertThat(quiet.exitCode()).isEqualTo(1);
    assertThat(quiet.stdout()).isEmpty();
    assertThat(quiet.stderr())
        .isEqualTo(
            "Error: internal error (java.lang.IllegalStateException); run again with PINNIPED_DEBUG=true to see the details\n");
    assertThat(debug.exitCode()).isEqualTo(1);
    assertThat(debug.stderr()).contains("java.lang.IllegalStateException: a bug").contains("\tat ");
  }

  @Test
  void aPathThatCannotExistIsAUserError() {
    Result result = new CliRun().run("whoami", "--kubeconfig", "bad\u0000path");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .startsWith("Error: could not get current cluster info: invalid path")
        .doesNotContain("internal error");
  }
}

package dev.pinnipedjava.cli.supervisordiscovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPType;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.PinnipedIDP;
import dev.pinnipedjava.cli.diagnostics.InfoLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UpstreamSelectionTest {

  private static final PinnipedIDP LDAP =
      new PinnipedIDP(
          "corp-ldap", IDPType.LDAP, List.of(IDPFlow.CLI_PASSWORD, IDPFlow.BROWSER_AUTHCODE));
  private static final PinnipedIDP OIDC =
      new PinnipedIDP("okta", IDPType.OIDC, List.of(IDPFlow.BROWSER_AUTHCODE));
  private static final PinnipedIDP OIDC_TOO =
      new PinnipedIDP("dex", IDPType.OIDC, List.of(IDPFlow.BROWSER_AUTHCODE));
  private static final PinnipedIDP SAME_NAME_AD =
      new PinnipedIDP("okta", IDPType.ACTIVE_DIRECTORY, List.of(IDPFlow.CLI_PASSWORD));
  private static final PinnipedIDP OLD_SUPERVISOR = new PinnipedIDP("old", IDPType.OIDC, null);

  record Case(
      String name,
      List<PinnipedIDP> idps,
      UpstreamChoice requested,
      @Nullable UpstreamChoice want,
      String wantError) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case ok(
      String name, List<PinnipedIDP> idps, UpstreamChoice requested, UpstreamChoice want) {
    return new Case(name, idps, requested, want, "");
  }

  static Case error(String name, List<PinnipedIDP> idps, UpstreamChoice requested, String error) {
    return new Case(name, idps, requested, null, error);
  }

  static UpstreamChoice choice(String name, String type, String flow) {
    return new UpstreamChoice(name, type, flow);
  }

  static Stream<Case> cases() {
    UpstreamChoice none = UpstreamChoice.NONE;
    return Stream.of(
        ok(
            "no providers leaves the choice as it is",
            List.of(),
            choice("x", "", ""),
            choice("x", "", "")),
        ok(
            "the only provider and its first flow",
            List.of(LDAP),
            none,
            choice("corp-ldap", "ldap", "cli_password")),
        ok("the only flow", List.of(OIDC), none, choice("okta", "oidc", "browser_authcode")),
        ok(
            "a requested flow the provider offers",
            List.of(LDAP),
            choice("", "", "browser_authcode"),
            choice("corp-ldap", "ldap", "browser_authcode")),
        error(
            "a requested flow the provider does not offer",
            List.of(OIDC),
            choice("", "", "cli_password"),
            "no client flow \"cli_password\" for Supervisor upstream identity provider \"okta\" of"
                + " type \"oidc\" were found. Found these flows: [browser_authcode]"),
        ok(
            "an old Supervisor without flows takes the requested flow",
            List.of(OLD_SUPERVISOR),
            choice("", "", "cli_password"),
            choice("old", "oidc", "cli_password")),
        ok(
            "an old Supervisor without flows and no flow asked",
            List.of(OLD_SUPERVISOR),
            none,
            choice("old", "oidc", "")),
        ok(
            "by name and type",
            List.of(OIDC, SAME_NAME_AD),
            choice("okta", "activedirectory", ""),
            choice("okta", "activedirectory", "cli_password")),
        error(
            "by name and type, not found",
            List.of(OIDC),
            choice("okta", "ldap", ""),
            "no Supervisor upstream identity providers with name \"okta\" of type \"ldap\" were"
                + " found. Found these upstreams:"
                + " [{\"name\":\"okta\",\"type\":\"oidc\",\"flows\":[\"browser_authcode\"]}]"),
        ok(
            "by type alone",
            List.of(LDAP, OIDC),
            choice("", "ldap", ""),
            choice("corp-ldap", "ldap", "cli_password")),
        error(
            "by type alone, ambiguous",
            List.of(OIDC, OIDC_TOO),
            choice("", "oidc", ""),
            "multiple Supervisor upstream identity providers of type \"oidc\" were found, so the"
                + " --upstream-identity-provider-name flag must be specified."),
        error(
            "by type alone, not found",
            List.of(OIDC),
            choice("", "github", ""),
            "no Supervisor upstream identity providers of type \"github\" were found."),
        ok(
            "by name alone",
            List.of(LDAP, OIDC),
            choice("okta", "", ""),
            choice("okta", "oidc", "browser_authcode")),
        error(
            "by name alone, ambiguous",
            List.of(OIDC, SAME_NAME_AD),
            choice("okta", "", ""),
            "multiple Supervisor upstream identity providers with name \"okta\" were found, so the"
                + " --upstream-identity-provider-type flag must be specified."),
        error(
            "by name alone, not found",
            List.of(OIDC),
            choice("nope", "", ""),
            "no Supervisor upstream identity providers with name \"nope\" were found."),
        error(
            "several providers and nothing asked",
            List.of(LDAP, OIDC),
            none,
            "multiple Supervisor upstream identity providers were found, so the"
                + " --upstream-identity-provider-name/--upstream-identity-provider-type flags must"
                + " be specified."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void choosesAsPinnipedDoes(Case c) throws SupervisorDiscoveryException {
    InfoLog log =
        new InfoLog(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            Clock.systemUTC());
    if (c.want() != null) {
      assertThat(UpstreamSelection.select(c.idps(), c.requested(), log)).isEqualTo(c.want());
    } else {
      assertThatThrownBy(() -> UpstreamSelection.select(c.idps(), c.requested(), log))
          .isInstanceOf(SupervisorDiscoveryException.class)
          .hasMessageStartingWith(c.wantError());
    }
  }
}

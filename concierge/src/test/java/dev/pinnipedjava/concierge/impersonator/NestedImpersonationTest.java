package dev.pinnipedjava.concierge.impersonator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.aggregatedapi.apiserver.RequestHeaders;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NestedImpersonationTest {
  private static final KubernetesUser CALLER =
      KubernetesUser.of("pat", List.of("devs", "system:authenticated"));

  /** A fake authorizer allowing exactly the listed targets, and recording what it was asked. */
  private static final class AllowList implements ImpersonationAuthorizer {
    private final Set<ImpersonationTarget> allowed;
    final List<ImpersonationTarget> asked = new ArrayList<>();

    AllowList(Set<ImpersonationTarget> allowed) {
      this.allowed = allowed;
    }

    @Override
    public Decision decide(KubernetesUser caller, ImpersonationTarget target) {
      asked.add(target);
      return new Decision(allowed.contains(target), allowed.contains(target) ? "" : "RBAC: nope");
    }
  }

  /**
   * @param wantUser the user the request runs as, null when refused or not requested
   * @param wantCode the refusal's HTTP code, 0 when not refused
   */
  record Case(
      String name,
      List<Map.Entry<String, String>> headers,
      Set<ImpersonationTarget> allowed,
      @Nullable KubernetesUser wantUser,
      int wantCode,
      String wantMessage,
      List<ImpersonationTarget> wantAsked) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    ImpersonationTarget admin = new ImpersonationTarget("", "users", "", "", "admin");
    ImpersonationTarget masters = new ImpersonationTarget("", "groups", "", "", "system:masters");
    ImpersonationTarget scope =
        new ImpersonationTarget("authentication.k8s.io", "userextras", "scopes", "", "view");
    ImpersonationTarget uid =
        new ImpersonationTarget("authentication.k8s.io", "uids", "", "", "u1");
    ImpersonationTarget robot = new ImpersonationTarget("", "serviceaccounts", "", "ns", "robot");
    return Stream.of(
        new Case("no impersonation headers", List.of(), Set.of(), null, 0, "", List.of()),
        new Case(
            "allowed user, group, extra and UID",
            List.of(
                Map.entry("Impersonate-User", "admin"),
                Map.entry("Impersonate-Group", "system:masters"),
                Map.entry("impersonate-extra-scopes", "view"),
                Map.entry("Impersonate-Uid", "u1")),
            Set.of(admin, masters, scope, uid),
            new KubernetesUser(
                "admin",
                "u1",
                List.of("system:masters", "system:authenticated"),
                Map.of("scopes", List.of("view"))),
            0,
            "",
            List.of(admin, masters, scope, uid)),
        new Case(
            "a spoofed user is refused",
            List.of(Map.entry("Impersonate-User", "admin")),
            Set.of(),
            null,
            403,
            "users \"admin\" is forbidden: User \"pat\" cannot impersonate resource \"users\" in API"
                + " group \"\" at the cluster scope: RBAC: nope, decision made by"
                + " impersonation-proxy.concierge.pinniped.dev",
            List.of(admin)),
        new Case(
            "a spoofed group is refused even with the user allowed",
            List.of(
                Map.entry("Impersonate-User", "admin"),
                Map.entry("Impersonate-Group", "system:masters")),
            Set.of(admin),
            null,
            403,
            "groups \"system:masters\" is forbidden: User \"pat\" cannot impersonate resource"
                + " \"groups\" in API group \"\" at the cluster scope: RBAC: nope, decision made by"
                + " impersonation-proxy.concierge.pinniped.dev",
            List.of(admin, masters)),
        new Case(
            "groups without a user",
            List.of(Map.entry("Impersonate-Group", "system:masters")),
            Set.of(masters),
            null,
            500,
            "Internal error occurred: requested impersonation of groups, UID or extras without"
                + " impersonating a user",
            List.of()),
        new Case(
            "a service account gets its groups",
            List.of(Map.entry("Impersonate-User", "system:serviceaccount:ns:robot")),
            Set.of(robot),
            new KubernetesUser(
                "system:serviceaccount:ns:robot",
                "",
                List.of(
                    "system:serviceaccounts", "system:serviceaccounts:ns", "system:authenticated"),
                Map.of()),
            0,
            "",
            List.of(robot)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void apply(Case testCase) {
    AllowList authorizer = new AllowList(testCase.allowed());

    NestedImpersonation.Outcome outcome =
        new NestedImpersonation(authorizer).apply(CALLER, RequestHeaders.of(testCase.headers()));

    if (testCase.wantUser() != null) {
      assertThat(outcome)
          .isEqualTo(new NestedImpersonation.Impersonating(testCase.wantUser(), CALLER));
    } else if (testCase.wantCode() != 0) {
      assertThat(outcome).isInstanceOf(NestedImpersonation.Refused.class);
      NestedImpersonation.Refused refused = (NestedImpersonation.Refused) outcome;
      assertThat(refused.error().code()).isEqualTo(testCase.wantCode());
      assertThat(refused.error().message()).isEqualTo(testCase.wantMessage());
    } else {
      assertThat(outcome).isInstanceOf(NestedImpersonation.NotRequested.class);
    }
    assertThat(authorizer.asked).containsExactlyElementsOf(testCase.wantAsked());
  }
}

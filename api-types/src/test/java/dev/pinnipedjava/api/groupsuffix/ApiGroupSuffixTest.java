package dev.pinnipedjava.api.groupsuffix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinnipedjava.api.concierge.login.v1alpha1.ConciergeLoginGroup;
import dev.pinnipedjava.api.supervisor.idp.v1alpha1.SupervisorIdpGroup;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ApiGroupSuffixTest {
  private static final String NOT_A_SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist";

  record ValidationCase(String name, String suffix, List<String> wantProblemPrefixes) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ValidationCase> validations() {
    return Stream.of(
        new ValidationCase("the default suffix", "pinniped.dev", List.of()),
        new ValidationCase("a suffix with three labels", "happy.suffix.com", List.of()),
        new ValidationCase("digits and dashes", "tuna-1.fish-2.io", List.of()),
        new ValidationCase("no dot", "no-dots", List.of("must contain '.'")),
        new ValidationCase("empty", "", List.of("must contain '.'", NOT_A_SUBDOMAIN)),
        new ValidationCase("leading dot", ".starts.with.dot", List.of(NOT_A_SUBDOMAIN)),
        new ValidationCase("trailing dot", "ends.with.dot.", List.of(NOT_A_SUBDOMAIN)),
        new ValidationCase("upper case", "Tuna.io", List.of(NOT_A_SUBDOMAIN)),
        new ValidationCase("underscore", "tuna_fish.io", List.of(NOT_A_SUBDOMAIN)),
        new ValidationCase("empty label", "tuna..io", List.of(NOT_A_SUBDOMAIN)),
        new ValidationCase(
            "254 characters and a leading dot",
            ".too.long" + "a".repeat(245),
            List.of("must be no more than 253 characters", NOT_A_SUBDOMAIN)),
        new ValidationCase("exactly 253 characters", "a.io" + "a".repeat(249), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validations")
  void problemsNameEveryReasonInKubernetesWords(ValidationCase c) {
    List<String> problems = ApiGroupSuffix.problems(c.suffix());

    assertThat(problems).hasSameSizeAs(c.wantProblemPrefixes());
    for (int i = 0; i < problems.size(); i++) {
      assertThat(problems.get(i)).startsWith(c.wantProblemPrefixes().get(i));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validations")
  void constructorAcceptsExactlyTheValidSuffixes(ValidationCase c) {
    if (c.wantProblemPrefixes().isEmpty()) {
      assertThat(new ApiGroupSuffix(c.suffix()).value()).isEqualTo(c.suffix());
    } else {
      assertThatThrownBy(() -> new ApiGroupSuffix(c.suffix()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("invalid API group suffix \"" + c.suffix() + "\": ")
          .hasMessageContaining(c.wantProblemPrefixes().get(0));
    }
  }

  record RenameCase(
      String name,
      String suffix,
      String group,
      Optional<String> wantReplaced,
      Optional<String> wantUnreplaced) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<RenameCase> renames() {
    return Stream.of(
        new RenameCase(
            "login group to a new suffix",
            "tuna.fish.io",
            ConciergeLoginGroup.NAME,
            Optional.of("login.concierge.tuna.fish.io"),
            Optional.empty()),
        new RenameCase(
            "idp group to a new suffix",
            "marlin.io",
            SupervisorIdpGroup.NAME,
            Optional.of("idp.supervisor.marlin.io"),
            Optional.empty()),
        new RenameCase(
            "only the last pinniped.dev is replaced",
            "tuna.io",
            "something.pinniped.dev.something-else.pinniped.dev",
            Optional.of("something.pinniped.dev.something-else.tuna.io"),
            Optional.empty()),
        new RenameCase(
            "a renamed group back to pinniped.dev",
            "tuna.io",
            "something.pinniped.dev.something-else.tuna.io",
            Optional.empty(),
            Optional.of("something.pinniped.dev.something-else.pinniped.dev")),
        new RenameCase(
            "the default suffix changes nothing either way",
            "pinniped.dev",
            "something.pinniped.dev",
            Optional.of("something.pinniped.dev"),
            Optional.of("something.pinniped.dev")),
        new RenameCase(
            "a group of another suffix is not renamed back",
            "salmon.io",
            "something.pinniped.dev.something-else.tuna.io",
            Optional.empty(),
            Optional.empty()),
        new RenameCase(
            "a group not ending in .pinniped.dev",
            "shouldnt-matter.com",
            "bad-suffix-that-doesnt-end-in-pinniped-dot-dev",
            Optional.empty(),
            Optional.empty()),
        new RenameCase(
            "a label ending in -pinniped.dev is not the suffix",
            "shouldnt-matter.com",
            "bad-suffix-that-end-in.prefixed-pinniped.dev",
            Optional.empty(),
            Optional.empty()),
        new RenameCase(
            "the bare suffix is not a group of it",
            "tuna.io",
            "pinniped.dev",
            Optional.empty(),
            Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renames")
  void replaceAndUnreplace(RenameCase c) {
    ApiGroupSuffix suffix = new ApiGroupSuffix(c.suffix());

    assertThat(suffix.replace(c.group())).isEqualTo(c.wantReplaced());
    assertThat(suffix.unreplace(c.group())).isEqualTo(c.wantUnreplaced());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renames")
  void unreplaceUndoesReplace(RenameCase c) {
    ApiGroupSuffix suffix = new ApiGroupSuffix(c.suffix());

    c.wantReplaced()
        .ifPresent(renamed -> assertThat(suffix.unreplace(renamed)).contains(c.group()));
  }

  @Test
  void groupRenamesOrRefusesWhatIsNotAPinnipedGroup() {
    ApiGroupSuffix suffix = new ApiGroupSuffix("tuna.io");

    assertThat(suffix.group(ConciergeLoginGroup.NAME)).isEqualTo("login.concierge.tuna.io");
    assertThatThrownBy(() -> suffix.group("apps"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"apps\" is not a group ending in .pinniped.dev");
  }

  @Test
  void onlyPinnipedsOwnSuffixIsTheDefault() {
    assertThat(ApiGroupSuffix.DEFAULT.isDefault()).isTrue();
    assertThat(new ApiGroupSuffix("pinniped.dev")).isEqualTo(ApiGroupSuffix.DEFAULT);
    assertThat(new ApiGroupSuffix("tuna.io").isDefault()).isFalse();
  }
}

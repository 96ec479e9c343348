package dev.pinnipedjava.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KubectlResultTest {

  @Test
  void successPassesThrough() {
    KubectlResult result = new KubectlResult(0, "out", "");

    assertThat(result.assertSuccess()).isSameAs(result);
    assertThat(result.succeeded()).isTrue();
  }

  @Test
  void failureShowsExitCodeAndStderr() {
    KubectlResult result =
        new KubectlResult(1, "", "Error from server (Forbidden): pods is forbidden");

    assertThat(result.succeeded()).isFalse();
    assertThatThrownBy(result::assertSuccess)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("kubectl exited 1")
        .hasMessageContaining("pods is forbidden");
  }
}

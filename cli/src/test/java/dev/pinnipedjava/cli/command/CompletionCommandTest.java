package dev.pinnipedjava.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.cli.testing.CliRun;
import dev.pinnipedjava.cli.testing.CliRun.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {

  @TempDir Path temp;

  @Test
  void theBashScriptCompletesCommandsAndFlagsButNotHiddenFlags() throws Exception {
    Result result = new CliRun().run("completion", "bash");
    assertThat(result.exitCode()).isZero();
    Path script = temp.resolve("completion.bash");
    Files.writeString(script, result.stdout());

    String commands = complete(script, "pinniped-java", "lo");
    String staticFlags = complete(script, "pinniped-java", "login", "static", "--tok");
    String conciergeFlags = complete(script, "pinniped-java", "login", "static", "--concierge-n");

    assertThat(commands).isEqualTo("login");
    assertThat(staticFlags.split(" ")).containsExactlyInAnyOrder("--token", "--token-env");
    assertThat(conciergeFlags).as("--concierge-namespace is hidden").isEmpty();
  }

  /** Runs the script's completion function in a real bash, as bash would on TAB. */
  private static String complete(Path script, String... words)
      throws IOException, InterruptedException {
    String array = String.join(" ", words);
    Process bash =
        new ProcessBuilder(
                "bash",
                "-c",
                "source \"$0\" 2>/dev/null; COMP_WORDS=(%s); COMP_CWORD=%d; _complete_pinniped-java 2>/dev/null; echo \"${COMPREPLY[*]}\""
                    .formatted(array, words.length - 1),
                script.toString())
            .redirectErrorStream(true)
            .start();
    String output =
        new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return output;
  }

  @Test
  void theZshScriptIsTheBashScriptRunThroughBashcompinit() {
    Result bash = new CliRun().run("completion", "bash");
    Result zsh = new CliRun().run("completion", "zsh");

    assertThat(zsh.exitCode()).isZero();
    assertThat(zsh.stdout())
        .isEqualTo(bash.stdout())
        .contains("autoload -U +X bashcompinit && bashcompinit");
  }

  @Test
  void otherShellsAreRefused() {
    Result result = new CliRun().run("completion", "fish");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .isEqualTo("Error: unsupported shell \"fish\": choose bash or zsh\n");
  }
}

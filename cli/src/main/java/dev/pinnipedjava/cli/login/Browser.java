package dev.pinnipedjava.cli.login;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Opens a URL in the user's web browser. */
@FunctionalInterface
public interface Browser {

  void open(URI url) throws IOException;

  /**
   * The desktop's opener ({@code xdg-open}, {@code open}, or Windows' URL handler). Its output is
   * discarded: this process's stdout belongs to kubectl.
   */
  static Browser system() {
    return url -> {
      String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
      List<String> command =
          os.contains("mac")
              ? List.of("open", url.toString())
              : os.contains("win")
                  ? List.of("rundll32", "url.dll,FileProtocolHandler", url.toString())
                  : List.of("xdg-open", url.toString());
      new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.PIPE)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start()
          .getOutputStream()
          .close();
    };
  }
}

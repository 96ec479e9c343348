package dev.pinnipedjava.cli.command;

import dev.pinnipedjava.cli.http.HttpClientFactory;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Everything the commands take from the outside world, so that each command runs in a test without
 * a process of its own.
 *
 * @param env environment variables
 * @param stdout only ever the command's answer (for the login commands, the ExecCredential)
 * @param stderr messages, prompts, warnings and errors
 * @param httpClients makes the HTTP clients for the Concierge, the API server and OIDC issuers
 * @param userHome the home directory, used when {@code HOME} is not set
 * @param stdinIsTerminal whether a person can answer prompts on stdin
 * @param executable the launcher this program was started through (what a generated kubeconfig
 *     runs), or empty when it is not known
 */
public record Deps(
    Environment env,
    Clock clock,
    InputStream stdin,
    PrintStream stdout,
    PrintStream stderr,
    HttpClientFactory httpClients,
    Path userHome,
    BooleanSupplier stdinIsTerminal,
    Optional<Path> executable) {

  /** The system property the launcher sets to its own path. */
  public static final String EXECUTABLE_PROPERTY = "pinniped.executable";

  /** The real process: its environment, clock, standard streams and home directory. */
  public static Deps real() {
    Environment env = Environment.system();
    return new Deps(
        env,
        Clock.systemUTC(),
        System.in,
        utf8(FileDescriptor.out, false),
        utf8(FileDescriptor.err, true),
        HttpClientFactory.real(env::get),
        Path.of(System.getProperty("user.home", ".")),
        Terminal::stdinIsTerminal,
        Optional.ofNullable(System.getProperty(EXECUTABLE_PROPERTY))
            .filter(path -> !path.isEmpty())
            .map(Path::of));
  }

  /**
   * UTF-8 whatever the locale, since tokens and names need not be ASCII. stdout is flushed once the
   * answer is complete; stderr at every line, so messages appear as they happen.
   */
  private static PrintStream utf8(FileDescriptor descriptor, boolean flushEveryLine) {
    return new PrintStream(
        new BufferedOutputStream(new FileOutputStream(descriptor)),
        flushEveryLine,
        StandardCharsets.UTF_8);
  }
}

package dev.pinnipedjava.testkit.directoryserver;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import dev.pinnipedjava.testkit.loopback.LogFile;
import dev.pinnipedjava.testkit.loopback.PartException;
import dev.pinnipedjava.testkit.process.ManagedProcess;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.jspecify.annotations.Nullable;

/** Waiting for a directory server just started until an account can bind. */
public final class DirectoryStartup {
  private DirectoryStartup() {}

  /**
   * How to wait and what to say when the server does not come up.
   *
   * @param part the server's name in messages, such as {@code slapd}
   * @param waitingFor what is awaited, such as {@code slapd on 127.0.0.1:1636}
   * @param notReady the start of the message when the timeout passes, such as {@code slapd did not
   *     answer}
   * @param logTailLines how many of the log's last lines to quote when the server exits
   */
  public record Readiness(
      String part,
      String waitingFor,
      String notReady,
      Duration timeout,
      Duration pollInterval,
      int logTailLines) {}

  /** One attempt to connect and bind. */
  @FunctionalInterface
  public interface BindAttempt {
    LDAPConnection bind() throws LDAPException;
  }

  /** Why a server exited during start, when its log tells something more specific. */
  @FunctionalInterface
  public interface ExitExplanation {
    @Nullable RuntimeException explain(ManagedProcess process);
  }

  /**
   * Retries {@code bind} until it succeeds.
   *
   * @return the bound connection
   * @throws PartException when the process exits first (unless {@code exit} explains it) or the
   *     timeout passes, quoting the last error and naming the log
   */
  public static LDAPConnection awaitBound(
      ManagedProcess process, Readiness readiness, BindAttempt bind, ExitExplanation exit) {
    AtomicReference<String> lastError = new AtomicReference<>("no answer yet");
    AtomicReference<LDAPConnection> connection = new AtomicReference<>();
    try {
      Awaitility.await(readiness.waitingFor())
          .atMost(readiness.timeout())
          .pollDelay(Duration.ZERO)
          .pollInterval(readiness.pollInterval())
          .failFast(readiness.part() + " exited", () -> !process.isAlive())
          .until(
              () -> {
                try {
                  connection.set(bind.bind());
                  return true;
                } catch (LDAPException e) {
                  lastError.set(e.getResultCode() + ": " + e.getMessage());
                  return false;
                }
              });
    } catch (TerminalFailureException e) {
      RuntimeException explained = exit.explain(process);
      if (explained != null) {
        throw explained;
      }
      throw new PartException(
          readiness.part()
              + " exited during start: "
              + LogFile.tail(process.logFile(), readiness.logTailLines())
              + "; see "
              + process.logFile());
    } catch (ConditionTimeoutException e) {
      throw new PartException(
          readiness.notReady()
              + " within "
              + readiness.timeout().toSeconds()
              + "s (last error: "
              + lastError.get()
              + "); see "
              + process.logFile());
    }
    LDAPConnection ready = connection.get();
    if (ready == null) {
      throw new IllegalStateException(readiness.part() + " answered but no connection was kept");
    }
    return ready;
  }
}

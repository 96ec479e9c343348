package dev.pinnipedjava.testkit.dex;

import dev.pinnipedjava.testkit.loopback.LogFile;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import dev.pinnipedjava.testkit.loopback.LoopbackTls;
import dev.pinnipedjava.testkit.loopback.PartException;
import dev.pinnipedjava.testkit.loopback.RunDirectory;
import dev.pinnipedjava.testkit.loopback.StopOnJvmExit;
import dev.pinnipedjava.testkit.loopback.TlsFiles;
import dev.pinnipedjava.testkit.process.Detachment;
import dev.pinnipedjava.testkit.process.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A real Dex on {@code https://127.0.0.1:<port>/dex} with memory storage and a fresh TLS identity,
 * configured once from a {@link DexConfig}. Clients trust {@link #caPem()}.
 */
public final class DexServer implements AutoCloseable {
  private static final String PART = "dex";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 3;

  private final URI issuer;
  private final LoopbackTls tls;
  private final ManagedProcess process;
  private final Path runDirectory;
  private final Duration startupTime;
  private final StopOnJvmExit safetyNet;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private DexServer(
      URI issuer,
      LoopbackTls tls,
      ManagedProcess process,
      Path runDirectory,
      Duration startupTime,
      StopOnJvmExit safetyNet) {
    this.issuer = issuer;
    this.tls = tls;
    this.process = process;
    this.runDirectory = runDirectory;
    this.startupTime = startupTime;
    this.safetyNet = safetyNet;
  }

  /** Dex located by {@link DexBinary#locate()}, in a new run directory named {@code dex-...}. */
  public static DexServer start(DexConfig config) {
    return start(
        DexBinary.locate(),
        config,
        RunDirectory.create(PART),
        Clock.systemUTC(),
        new SecureRandom());
  }

  /**
   * Writes the configuration and TLS files into {@code runDirectory}, starts Dex and returns once
   * its discovery document answers.
   */
  public static DexServer start(
      DexBinary binary, DexConfig config, Path runDirectory, Clock clock, SecureRandom random) {
    Instant startedAt = clock.instant();
    LoopbackTls tls = LoopbackTls.create(PART, List.of(), clock, random);
    TlsFiles tlsFiles = tls.writeTo(runDirectory.resolve("tls"));
    Path ldapCa = runDirectory.resolve("tls/ldap-ca.crt");
    config.ldapConnector().ifPresent(ldap -> write(ldapCa, ldap.caPem()));
    DexPasswordHash passwordHash = new DexPasswordHash(random);
    Path configFile = runDirectory.resolve("config.yaml");
    for (int attempt = 1; ; attempt++) {
      int port = LoopbackPorts.allocate(1).get(0);
      URI issuer = URI.create("https://" + LoopbackPorts.HOST + ":" + port + "/dex");
      // The file holds client secrets and the LDAP bind password: owner-only.
      write(
          configFile,
          DexConfigFile.render(
              config, issuer, LoopbackPorts.HOST + ":" + port, tlsFiles, ldapCa, passwordHash));
      ManagedProcess process =
          ManagedProcess.start(
              PART,
              List.of(binary.executable().toString(), "serve", configFile.toString()),
              runDirectory.resolve("logs/dex.log"),
              Detachment.ATTACHED);
      StopOnJvmExit safetyNet = StopOnJvmExit.register(PART, () -> process.stop(STOP_GRACE));
      try {
        awaitReady(process, issuer, tls.clientContext());
        return new DexServer(
            issuer,
            tls,
            process,
            runDirectory,
            Duration.between(startedAt, clock.instant()),
            safetyNet);
      } catch (PortTakenException e) {
        safetyNet.cancel();
        process.stop(STOP_GRACE);
        if (attempt == START_ATTEMPTS) {
          throw new PartException(e.getMessage() + ", " + attempt + " times in a row", e);
        }
      } catch (RuntimeException e) {
        safetyNet.cancel();
        process.stop(STOP_GRACE);
        throw e;
      }
    }
  }

  /** Thrown inside {@link #start} when another process bound the chosen port first. */
  private static final class PortTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String message) {
      super(message);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void awaitReady(ManagedProcess process, URI issuer, SSLContext trust) {
    HttpClient http =
        HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest discovery =
        HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
            .timeout(Duration.ofSeconds(5))
            .build();
    AtomicReference<String> lastAnswer = new AtomicReference<>("no answer yet");
    try {
      Awaitility.await("Dex discovery at " + issuer)
          .atMost(READY_TIMEOUT)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL_INTERVAL)
          .failFast("dex exited", () -> !process.isAlive())
          .until(
              () -> {
                try {
                  int status =
                      http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode();
                  lastAnswer.set("HTTP " + status);
                  return status == 200;
                } catch (IOException e) {
                  lastAnswer.set(e.toString());
                  return false;
                }
              });
    } catch (TerminalFailureException e) {
      if (LogFile.mentions(process.logFile(), LoopbackPorts.PORT_TAKEN)) {
        throw new PortTakenException("another process took the port of dex");
      }
      throw new PartException(
          "dex exited during start: "
              + LogFile.tail(process.logFile(), 5)
              + "; see "
              + process.logFile());
    } catch (ConditionTimeoutException e) {
      throw new PartException(
          "dex did not answer within "
              + READY_TIMEOUT.toSeconds()
              + "s (last answer: "
              + lastAnswer.get()
              + "); see "
              + process.logFile());
    }
  }

  /** {@code https://127.0.0.1:<port>/dex}. */
  public URI issuer() {
    return issuer;
  }

  /** The CA that signed Dex's serving certificate, PEM. */
  public String caPem() {
    return tls.caPem();
  }

  /** A client TLS context trusting only {@link #caPem()}. */
  public SSLContext clientTlsContext() {
    return tls.clientContext();
  }

  public int port() {
    return issuer.getPort();
  }

  public Path runDirectory() {
    return runDirectory;
  }

  public Path logFile() {
    return process.logFile();
  }

  /** From the start of {@link #start} until the discovery document answered. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Stops Dex (SIGTERM, then SIGKILL) and waits until it is gone. Idempotent. */
  public void stop() {
    if (stopped.compareAndSet(false, true)) {
      safetyNet.cancel();
      process.stop(STOP_GRACE);
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "DexServer[" + issuer + ", " + runDirectory + "]";
  }
}

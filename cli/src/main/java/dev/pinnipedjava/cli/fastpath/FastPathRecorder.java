package dev.pinnipedjava.cli.fastpath;

import dev.pinnipedjava.cli.execcredential.ExecCredentialStatus;
import dev.pinnipedjava.cli.fastpath.FastPathEntry.BoundEnvironment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Records, for one run of a login command, the credential it printed, so that the launcher can
 * print it again for the same run without starting the JVM. Recording is best effort: whenever the
 * launcher could not check the entry exactly as the JVM would decide (no HOME, a relative path, a
 * credential with no safe proof), nothing is recorded and the launcher keeps starting the JVM.
 */
public final class FastPathRecorder {

  private final Optional<Invocation> invocation;
  private final Optional<BoundEnvironment> environment;
  private final Clock clock;
  private final Consumer<String> problems;

  private FastPathRecorder(
      Optional<Invocation> invocation,
      Optional<BoundEnvironment> environment,
      Clock clock,
      Consumer<String> problems) {
    this.invocation = invocation;
    this.environment = environment;
    this.clock = clock;
    this.problems = problems;
  }

  /**
   * @param args the whole command line after the program name
   * @param boundVariables variables the credential depends on beyond the command line
   * @param problems where to report why nothing was recorded (the debug log)
   */
  public static FastPathRecorder forRun(
      List<String> args,
      Function<String, Optional<String>> env,
      List<String> boundVariables,
      Clock clock,
      Consumer<String> problems) {
    Optional<Invocation> invocation =
        FastPathLookup.usesCredentialCache(args)
            ? Invocation.of(args, env).filter(i -> Path.of(i.configDir()).isAbsolute())
            : Optional.empty();
    return new FastPathRecorder(
        invocation, BoundEnvironment.of(boundVariables, env), clock, problems);
  }

  /** A recorder that records nothing, for runs the fast path must not answer. */
  public static FastPathRecorder disabled() {
    return new FastPathRecorder(Optional.empty(), Optional.empty(), Clock.systemUTC(), p -> {});
  }

  /**
   * Records the credential.
   *
   * @param credentialKey the credential cache key it is stored under
   * @param credentialCache the credentials.yaml holding it
   * @param servableUntil when the JVM would stop serving it from the cache
   * @param execCredential the exact stdout of this run, without the final newline
   */
  public void record(
      String credentialKey,
      Path credentialCache,
      Instant servableUntil,
      ExecCredentialStatus credential,
      String execCredential) {
    if (invocation.isEmpty() || environment.isEmpty() || !credentialCache.isAbsolute()) {
      return;
    }
    Optional<String> proof = proof(credential);
    if (proof.isEmpty()) {
      problems.accept("not recording a fast-path entry: the credential has no plain proof text");
      return;
    }
    FastPathEntry entry =
        new FastPathEntry(
            invocation.get(),
            servableUntil.getEpochSecond(),
            credentialKey,
            credentialCache.normalize().toString(),
            proof.get(),
            environment.get(),
            execCredential);
    Instant now = clock.instant();
    if (!entry.isWritable() || !entry.servableAt(now)) {
      return;
    }
    FastPathStore.write(invocation.get().directory(), invocation.get().key(), entry, now, problems);
  }

  /**
   * Text that appears verbatim in credentials.yaml whoever wrote it (this CLI quotes strings, the
   * Go CLI writes PEM as block scalars) and only while it holds this very credential: the token, or
   * the last full line of the certificate's base64, which covers its signature.
   */
  static Optional<String> proof(ExecCredentialStatus credential) {
    String token = credential.token();
    if (token != null && FastPathEntry.PROOF.matcher(token).matches()) {
      return Optional.of(token);
    }
    String certificate = credential.clientCertificateData();
    if (certificate == null) {
      return Optional.empty();
    }
    List<String> fullLines =
        certificate
            .lines()
            .filter(line -> line.length() == 64 && line.matches("[A-Za-z0-9+/=]+"))
            .toList();
    return fullLines.isEmpty()
        ? Optional.empty()
        : Optional.of(fullLines.get(fullLines.size() - 1));
  }
}

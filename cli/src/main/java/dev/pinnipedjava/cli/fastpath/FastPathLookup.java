package dev.pinnipedjava.cli.fastpath;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Decides, by the launcher's rules, whether a run may be answered from its fast-path entry without
 * doing any work: only {@code login oidc} and {@code login static}, never with {@code
 * PINNIPED_DEBUG=true}, and only when the entry passes the trust checks, is still servable, its
 * bound variables are unchanged, and credentials.yaml still holds its key and its credential (so
 * deleting credentials.yaml, Pinniped's logout, ends the fast path). The launcher
 * (src/main/dist/bin/pinniped-java) applies the same rules in shell; tests hold the two to it.
 */
public final class FastPathLookup {

  private static final String DEBUG_ENV = "PINNIPED_DEBUG";

  private FastPathLookup() {}

  /** The exact stdout of the run (the ExecCredential and a newline), or empty. */
  public static Optional<String> find(
      List<String> args, Function<String, Optional<String>> env, Instant now) {
    if (!usesCredentialCache(args) || env.apply(DEBUG_ENV).filter("true"::equals).isPresent()) {
      return Optional.empty();
    }
    Optional<Invocation> invocation = Invocation.of(args, env);
    if (invocation.isEmpty()
        || !Files.isDirectory(invocation.get().directory(), LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return FastPathStore.find(invocation.get().directory(), invocation.get())
        .filter(entry -> entry.servableAt(now))
        .filter(entry -> entry.boundEnvironment().matches(env))
        .filter(FastPathLookup::credentialCacheHoldsIt)
        .map(entry -> entry.execCredential() + "\n");
  }

  static boolean usesCredentialCache(List<String> args) {
    return args.size() >= 2
        && args.get(0).equals("login")
        && (args.get(1).equals("oidc") || args.get(1).equals("static"));
  }

  /**
   * Like the launcher's {@code grep}s: some line is the entry's {@code key:} (quoted or not, in a
   * list item or not) and the file contains the proof.
   */
  private static boolean credentialCacheHoldsIt(FastPathEntry entry) {
    Path cache = Path.of(entry.credentialCache());
    String text;
    try {
      if (!Files.isRegularFile(cache)) {
        return false;
      }
      text = new String(Files.readAllBytes(cache), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return false;
    }
    Pattern keyLine =
        Pattern.compile(
            "^[ -]*key: [\"']?" + entry.credentialKey() + "[\"']?$",
            Pattern.MULTILINE | Pattern.UNIX_LINES);
    return keyLine.matcher(text).find() && text.contains(entry.proof());
  }
}

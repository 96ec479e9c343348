package dev.pinnipedjava.cli.fastpath;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One fast-path entry: NUL-terminated UTF-8 fields that the launcher reads one by one with bash's
 * {@code read -d ''}, so that it needs no parser and no other program.
 *
 * <pre>
 * pinniped-java fastpath v1
 * CONFIG_DIR                       \
 * ARGUMENT_COUNT                    | the invocation it answers, compared field by field
 * ARGUMENT ...                      |
 * KUBERNETES_EXEC_INFO             /
 * SERVE_UNTIL                      (epoch seconds, exclusive; the safety margin is taken off)
 * CREDENTIAL_CACHE_KEY             (the entry credentials.yaml must still hold)
 * CREDENTIALS_YAML                 (that file's absolute path)
 * PROOF                            (a piece of the credential that file must still contain)
 * ENV_NAMES                        (variables the credential depends on, space-separated, or -)
 * ENV_DIGEST                       (their SHA-256, each value followed by a newline, or -)
 * EXEC_CREDENTIAL                  (the JSON to print, one line)
 * end
 * </pre>
 *
 * <p>History: {@code v1} is the only version; a launcher meeting any other first field starts the
 * JVM.
 */
public record FastPathEntry(
    Invocation invocation,
    long serveUntil,
    String credentialKey,
    String credentialCache,
    String proof,
    BoundEnvironment boundEnvironment,
    String execCredential) {

  static final String VERSION = "pinniped-java fastpath v1";
  static final Pattern HEX_KEY = Pattern.compile("[0-9a-f]{64}");
  static final Pattern PROOF = Pattern.compile("[A-Za-z0-9._~+/=-]{16,}");
  private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,18}");
  private static final Pattern COUNT = Pattern.compile("0|[1-9][0-9]{0,5}");
  private static final String CREDENTIAL_PREFIX = "{\"kind\":\"ExecCredential\",";
  private static final String END = "end";

  /** Whether the launcher serves this entry at {@code now} (whole seconds, as bash reads it). */
  public boolean servableAt(Instant now) {
    return now.getEpochSecond() < serveUntil;
  }

  byte[] serialize() {
    List<String> fields = new ArrayList<>();
    fields.add(VERSION);
    fields.add(invocation.configDir());
    fields.add(Integer.toString(invocation.args().size()));
    fields.addAll(invocation.args());
    fields.add(invocation.execInfo());
    fields.add(Long.toString(serveUntil));
    fields.add(credentialKey);
    fields.add(credentialCache);
    fields.add(proof);
    fields.add(boundEnvironment.namesField());
    fields.add(boundEnvironment.digestField());
    fields.add(execCredential);
    fields.add(END);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (String field : fields) {
      bytes.writeBytes(field.getBytes(StandardCharsets.UTF_8));
      bytes.write(0);
    }
    return bytes.toByteArray();
  }

  /**
   * Whether the entry's first fields are the version and exactly this invocation, which is how the
   * launcher picks the entry of a run among all of them.
   */
  static boolean answers(byte[] bytes, Invocation invocation) {
    Fields fields = new Fields(new String(bytes, StandardCharsets.UTF_8));
    if (!VERSION.equals(fields.next())
        || !invocation.configDir().equals(fields.next())
        || !Integer.toString(invocation.args().size()).equals(fields.next())) {
      return false;
    }
    for (String arg : invocation.args()) {
      if (!arg.equals(fields.next())) {
        return false;
      }
    }
    return invocation.execInfo().equals(fields.next());
  }

  /** Reads an entry, refusing exactly what the launcher refuses. */
  static Optional<FastPathEntry> parse(byte[] bytes) {
    Fields fields = new Fields(new String(bytes, StandardCharsets.UTF_8));
    if (!VERSION.equals(fields.next())) {
      return Optional.empty();
    }
    String configDir = fields.next();
    String count = fields.next();
    if (configDir == null || count == null || !COUNT.matcher(count).matches()) {
      return Optional.empty();
    }
    List<String> args = new ArrayList<>();
    for (int i = Integer.parseInt(count); i > 0; i--) {
      String arg = fields.next();
      if (arg == null) {
        return Optional.empty();
      }
      args.add(arg);
    }
    String execInfo = fields.next();
    String serveUntil = fields.next();
    String key = fields.next();
    String cache = fields.next();
    String proof = fields.next();
    String names = fields.next();
    String digest = fields.next();
    String credential = fields.next();
    String end = fields.next();
    if (execInfo == null
        || serveUntil == null
        || !EPOCH_SECONDS.matcher(serveUntil).matches()
        || key == null
        || !HEX_KEY.matcher(key).matches()
        || cache == null
        || !cache.startsWith("/")
        || proof == null
        || !PROOF.matcher(proof).matches()
        || names == null
        || digest == null
        || credential == null
        || !credential.startsWith(CREDENTIAL_PREFIX)
        || !END.equals(end)) {
      return Optional.empty();
    }
    return BoundEnvironment.parse(names, digest)
        .map(
            environment ->
                new FastPathEntry(
                    new Invocation(configDir, args, execInfo),
                    Long.parseLong(serveUntil),
                    key,
                    cache,
                    proof,
                    environment,
                    credential));
  }

  /** The NUL-terminated fields of an entry; an unterminated rest does not count. */
  private static final class Fields {
    private final String text;
    private int position;

    Fields(String text) {
      this.text = text;
    }

    @Nullable String next() {
      int end = text.indexOf('\0', position);
      if (end < 0) {
        return null;
      }
      String field = text.substring(position, end);
      position = end + 1;
      return field;
    }
  }

  /** Whether the entry can be written so that the launcher reads it back unchanged. */
  boolean isWritable() {
    return HEX_KEY.matcher(credentialKey).matches()
        && credentialCache.startsWith("/")
        && PROOF.matcher(proof).matches()
        && execCredential.startsWith(CREDENTIAL_PREFIX)
        && execCredential.indexOf('\n') < 0
        && serveUntil > 0
        && invocation.args().size() <= 999_999
        && allFree(invocation.configDir(), credentialCache, invocation.execInfo())
        && invocation.args().stream().allMatch(FastPathEntry::allFree);
  }

  /** No NUL, which would end the field early. */
  private static boolean allFree(String... values) {
    return Arrays.stream(values).allMatch(value -> value.indexOf('\0') < 0);
  }

  @Override
  public String toString() {
    return "FastPathEntry[serveUntil=%d, credentialKey=%s, credentialCache=%s, env=%s]"
        .formatted(serveUntil, credentialKey, credentialCache, boundEnvironment.names());
  }

  /**
   * Environment variables the credential depends on beyond the command line (the variable {@code
   * login static --token-env} names), bound to the entry by a digest of their values.
   *
   * @param names variable names, each matching {@code [A-Za-z_][A-Za-z0-9_]*}
   * @param digest hex SHA-256 of the values, each followed by a newline (the launcher hashes them
   *     with a here-string); "-" when there are no names
   */
  public record BoundEnvironment(List<String> names, String digest) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public BoundEnvironment {
      names = List.copyOf(names);
    }

    public static BoundEnvironment none() {
      return new BoundEnvironment(List.of(), "-");
    }

    /**
     * Binds the current values of the variables; empty when a name is not a plain shell name or a
     * variable is unset, empty or holds a newline (the launcher could not, or would not, check it).
     */
    public static Optional<BoundEnvironment> of(
        List<String> names, Function<String, Optional<String>> env) {
      if (names.isEmpty()) {
        return Optional.of(none());
      }
      return digestOf(names, env).map(digest -> new BoundEnvironment(names, digest));
    }

    /** Whether the variables still have the values the entry was recorded with. */
    public boolean matches(Function<String, Optional<String>> env) {
      return names.isEmpty() || digestOf(names, env).filter(digest::equals).isPresent();
    }

    private static Optional<String> digestOf(
        List<String> names, Function<String, Optional<String>> env) {
      ByteArrayOutputStream values = new ByteArrayOutputStream();
      for (String name : names) {
        Optional<String> value = env.apply(name).filter(s -> !s.isEmpty() && s.indexOf('\n') < 0);
        if (!NAME.matcher(name).matches() || value.isEmpty()) {
          return Optional.empty();
        }
        values.writeBytes(value.get().getBytes(StandardCharsets.UTF_8));
        values.write('\n');
      }
      return Optional.of(Sha256.hex(values.toByteArray()));
    }

    String namesField() {
      return names.isEmpty() ? "-" : String.join(" ", names);
    }

    String digestField() {
      return names.isEmpty() ? "-" : digest;
    }

    static Optional<BoundEnvironment> parse(String namesField, String digestField) {
      if (namesField.equals("-")) {
        return digestField.equals("-") ? Optional.of(none()) : Optional.empty();
      }
      List<String> names = Arrays.asList(namesField.split(" ", -1));
      if (names.stream().anyMatch(name -> !NAME.matcher(name).matches())
          || !HEX_KEY.matcher(digestField).matches()) {
        return Optional.empty();
      }
      return Optional.of(new BoundEnvironment(names, digestField));
    }
  }
}

package dev.pinnipedjava.e2e.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinnipedjava.testkit.controlplane.ControlPlaneLayout;
import dev.pinnipedjava.testkit.controlplane.ControlPlaneState;
import dev.pinnipedjava.testkit.controlplane.RecordedControlPlane;
import dev.pinnipedjava.testkit.dex.DexUser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code serve <stateDir>}: runs the local stack beside the control plane that {@code
 * LocalControlPlaneMain} keeps in the same state directory, until SIGTERM. Run from the repository
 * root, with {@code PINNIPED_CONTROL_PLANE_DIR} naming the directory of kubectl. Writes {@code
 * stack/stack.json} (what clients need to know) and {@code stack/ready} once everything is ready.
 */
public final class LocalStackMain {
  /** The FederationDomain, and the path of its issuer. */
  public static final String ISSUER = "local";

  public static final String PROVIDER = "dex";
  public static final String AUDIENCE = "pinniped-java-local";
  public static final String DEMO_USER = "pinny";
  static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private LocalStackMain() {}

  public static void main(String[] args) {
    // The Supervisor's and the Concierge's logging goes to this process's output, the stack log.
    System.setProperty("org.jboss.logging.provider", "jdk");
    if (args.length != 2 || !args[0].equals("serve")) {
      System.err.println("usage: LocalStackMain serve <stateDir>");
      System.exit(2);
    }
    try {
      serve(Path.of(args[1]).toAbsolutePath(), System::getenv, System.out);
    } catch (RuntimeException | LinkageError e) {
      // The servers' threads would keep a failed JVM alive: exit, naming the cause in one line.
      System.err.println("local stack failed: " + e);
      System.exit(1);
    }
  }

  private static void serve(
      Path stateDir, Function<String, @Nullable String> environment, PrintStream out) {
    ControlPlaneLayout layout = new ControlPlaneLayout(stateDir);
    ControlPlaneState state =
        new RecordedControlPlane(layout)
            .state()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no control plane recorded in " + stateDir + "; start it first"));
    String binaries = environment.apply("PINNIPED_CONTROL_PLANE_DIR");
    if (binaries == null) {
      throw new IllegalStateException(
          "PINNIPED_CONTROL_PLANE_DIR (the directory of kubectl) is unset");
    }
    Path stackDir = stateDir.resolve("stack");
    Path ready = stackDir.resolve("ready");
    createDirectories(stackDir);
    delete(ready);
    write(stackDir.resolve("pid"), ProcessHandle.current().pid() + "\n");
    Path passwordFile = stackDir.resolve("demo-password");
    String password = demoPassword(passwordFile);
    StackSettings settings =
        new StackSettings(
            ControlPlaneAccess.of(
                layout, state.apiServerUrl(), Path.of(binaries).resolve("kubectl")),
            Path.of("deploy").toAbsolutePath(),
            stackDir,
            List.of(DexUser.of(DEMO_USER, password)),
            List.of(new UpstreamProvider(PROVIDER, true)),
            List.of(new IssuerSpec(ISSUER, List.of(PROVIDER), List.of(AUDIENCE))));
    LocalStack stack = LocalStack.start(settings, step -> out.println("stack: " + step));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("stack: stopping");
                  stack.close();
                  delete(ready);
                  stopped.countDown();
                },
                "stop-local-stack"));
    Path supervisorCa = stackDir.resolve("supervisor-ca.crt");
    write(supervisorCa, stack.supervisorCaPem());
    ObjectNode description = JSON.createObjectNode();
    description.put("schemaVersion", SCHEMA_VERSION);
    description.put("issuer", stack.issuer(ISSUER));
    description.put("supervisorCaFile", supervisorCa.toString());
    description.put("authenticator", settings.issuers().get(0).authenticatorName(AUDIENCE));
    description.put("dexIssuer", stack.dex().issuer().toString());
    description.put("username", stack.users().get(0).email());
    description.put("passwordFile", passwordFile.toString());
    description.put("impersonationProxyPort", stack.impersonationProxyPort());
    description.put("startedAt", Instant.now().toString());
    write(stackDir.resolve("stack.json"), description.toPrettyString() + "\n");
    write(ready, "ready\n");
    out.println("stack: ready, issuer " + stack.issuer(ISSUER));
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Kept across runs, so that a user who learnt it keeps it; readable by the owner only. */
  private static String demoPassword(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      byte[] bytes = new byte[12];
      new SecureRandom().nextBytes(bytes);
      String password = HexFormat.of().formatHex(bytes);
      write(file, password + "\n");
      return password;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path file, String content) {
    try {
      Path temporary =
          Files.createTempFile(
              file.getParent(),
              ".write-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void createDirectories(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }
}

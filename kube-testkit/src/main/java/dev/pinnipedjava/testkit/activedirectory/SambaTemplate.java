package dev.pinnipedjava.testkit.activedirectory;

import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import dev.pinnipedjava.testkit.loopback.PartException;
import dev.pinnipedjava.testkit.loopback.SetupCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A provisioned domain kept in a cache directory outside the repository, so that each run only
 * copies it: provisioning takes about ten seconds, a copy a fraction of one. The cache key is the
 * Samba version and {@link #FORMAT}; the domain, its password policy and its SID are the same in
 * every copy, and each run sets a new Administrator password.
 */
final class SambaTemplate {
  /** Raise when the provisioning below changes, so that old templates are not used. */
  static final int FORMAT = 1;

  /** Failed binds after which an account locks; {@link ActiveDirectoryServer#lock} relies on it. */
  static final int LOCKOUT_THRESHOLD = 3;

  private static final Duration PROVISION_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
  private static final String COMPLETE_MARKER = "template-complete";

  private SambaTemplate() {}

  /** {@code ${PINNIPED_JAVA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pinniped-java}/samba}. */
  static Path cacheDirectory(Function<String, @Nullable String> environment) {
    String cache = environment.apply("PINNIPED_JAVA_CACHE");
    if (cache != null && !cache.isBlank()) {
      return Path.of(cache, "samba");
    }
    String xdg = environment.apply("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("pinniped-java").resolve("samba");
  }

  /**
   * The template for this Samba version, provisioned first if needed. One JVM provisions at a time
   * (a file lock); the others wait and then find it done.
   */
  static Path provide(Samba samba, Path cacheDirectory, Path logFile, SecureRandom random) {
    Path template = cacheDirectory.resolve(sambaVersion(samba) + "-template-v" + FORMAT);
    if (Files.isRegularFile(template.resolve(COMPLETE_MARKER))) {
      return template;
    }
    try {
      Files.createDirectories(cacheDirectory);
      try (FileChannel lockFile =
              FileChannel.open(
                  cacheDirectory.resolve(".template.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        if (!Files.isRegularFile(template.resolve(COMPLETE_MARKER))) {
          provision(samba, template, logFile, random);
        }
        return template;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot provide the Samba template in " + cacheDirectory, e);
    }
  }

  private static void provision(Samba samba, Path template, Path logFile, SecureRandom random)
      throws IOException {
    Path building = template.resolveSibling(template.getFileName() + ".building");
    deleteRecursively(building);
    deleteRecursively(template);
    SetupCommand.run(
        "provision a domain",
        List.of(
            samba.sambaTool().toString(),
            "domain",
            "provision",
            "--use-rfc2307",
            "--server-role=dc",
            "--dns-backend=NONE",
            "--realm=" + ActiveDirectoryServer.REALM,
            "--domain=" + ActiveDirectoryServer.DOMAIN,
            "--host-name=" + ActiveDirectoryServer.NETBIOS_NAME.toLowerCase(Locale.ROOT),
            "--host-ip=" + LoopbackPorts.HOST,
            // Replaced in every run; the template keeps no usable password.
            "--adminpass=" + provisioningPassword(random),
            "--targetdir=" + building,
            "--option=interfaces = " + LoopbackPorts.HOST,
            "--option=bind interfaces only = yes",
            "--option=server services = ldap"),
        logFile,
        PROVISION_TIMEOUT);
    SetupCommand.run(
        "set the password policy",
        List.of(
            samba.sambaTool().toString(),
            "domain",
            "passwordsettings",
            "set",
            "--configfile=" + building.resolve("etc/smb.conf"),
            "-H",
            building.resolve("private/sam.ldb").toString(),
            // Test passwords need no complexity, may repeat, and never expire.
            "--complexity=off",
            "--history-length=0",
            "--min-pwd-length=0",
            "--min-pwd-age=0",
            "--max-pwd-age=0",
            "--account-lockout-threshold=" + LOCKOUT_THRESHOLD,
            "--account-lockout-duration=30",
            "--reset-account-lockout-after=30"),
        logFile,
        PROVISION_TIMEOUT);
    Files.writeString(
        building.resolve(COMPLETE_MARKER), "format " + FORMAT + "\n", StandardCharsets.UTF_8);
    Files.move(building, template, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Copies the template's domain files (not its smb.conf) to {@code target}. */
  static void copy(Path template, Path target) {
    try (Stream<Path> paths = Files.walk(template)) {
      for (Path source : paths.toList()) {
        Path relative = template.relativize(source);
        if (relative.startsWith("etc") || relative.toString().equals(COMPLETE_MARKER)) {
          continue;
        }
        Path destination = target.resolve(relative.toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(source, destination, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the Samba template to " + target, e);
    }
  }

  private static String sambaVersion(Samba samba) {
    try {
      Process process =
          new ProcessBuilder(samba.samba().toString(), "--version")
              .redirectErrorStream(true)
              .start();
      String output;
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        output = reader.lines().reduce("", (a, b) -> a + b).strip();
      }
      if (!process.waitFor(VERSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          || process.exitValue() != 0) {
        throw new PartException("samba --version failed: " + output);
      }
      // "Version 4.17.12-Debian" becomes "4.17.12-Debian".
      return output.replaceFirst("^Version ", "").replaceAll("[^A-Za-z0-9._-]", "_");
    } catch (IOException e) {
      throw new PartException("cannot run samba --version: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PartException("interrupted while asking samba for its version", e);
    }
  }

  private static String provisioningPassword(SecureRandom random) {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    return "Tmpl-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}

package dev.pinnipedjava.testkit.browser;

import dev.pinnipedjava.testkit.loopback.PartException;
import dev.pinnipedjava.testkit.loopback.RunDirectory;
import dev.pinnipedjava.testkit.loopback.SetupCommand;
import dev.pinnipedjava.testkit.loopback.StopOnJvmExit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven by Selenium through the system's {@code /usr/bin/chromedriver}, with a
 * fresh profile and home directory per browser. The driver executable is given explicitly, so
 * Selenium Manager never runs and nothing is downloaded.
 */
public final class Browser implements AutoCloseable {
  private static final String PART = "chromium";
  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DRIVER_START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

  /** Flags that keep a test browser quiet, offline apart from the test's servers, and headless. */
  static final List<String> FLAGS =
      List.of(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-quic",
          "--no-first-run",
          "--no-default-browser-check",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--password-store=basic");

  /**
   * Selenium looks for a DevTools (CDP) binding of the browser's exact version and warns once per
   * browser when the classpath has none; these tests drive the browser through WebDriver only. Held
   * here because the logging framework keeps loggers only weakly.
   */
  @SuppressWarnings("UnusedVariable") // held, never read
  private static final Logger CDP_VERSION_FINDER =
      quiet(Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"));

  private final ChromeDriver driver;
  private final Path runDirectory;
  private final Path profile;
  private final Duration startupTime;
  private final StopOnJvmExit safetyNet;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private Browser(ChromeDriver driver, Path runDirectory, Path profile, Duration startupTime) {
    this.driver = driver;
    this.runDirectory = runDirectory;
    this.profile = profile;
    this.startupTime = startupTime;
    this.safetyNet = StopOnJvmExit.register(PART, () -> quit(driver, profile));
  }

  /** A browser in a new run directory named {@code chromium-...}. */
  public static Browser start(BrowserOptions options) {
    return start(Chromium.locate(), options, RunDirectory.create(PART), Clock.systemUTC());
  }

  public static Browser start(
      Chromium chromium, BrowserOptions options, Path runDirectory, Clock clock) {
    Instant startedAt = clock.instant();
    Path home = runDirectory.resolve("home");
    Path profile = runDirectory.resolve("profile");
    Path logs = runDirectory.resolve("logs");
    try {
      Files.createDirectories(home);
      Files.createDirectories(profile);
      Files.createDirectories(logs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + runDirectory, e);
    }
    trust(chromium, options.trustedCaPems(), home, logs.resolve("certutil.log"));

    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromium.driver().toFile())
            .usingAnyFreePort()
            .withTimeout(DRIVER_START_TIMEOUT)
            .withLogFile(logs.resolve("chromedriver.log").toFile())
            // Chromium reads its certificate database from $HOME/.pki/nssdb.
            .withEnvironment(Map.of("HOME", home.toString()))
            .build();
    ChromeOptions chrome = new ChromeOptions();
    chrome.setBinary(chromium.browser().toFile());
    List<String> arguments = new ArrayList<>(FLAGS);
    arguments.add("--user-data-dir=" + profile);
    if (options.ignoreCertificateErrors()) {
      arguments.add("--ignore-certificate-errors");
    }
    chrome.addArguments(arguments);
    try {
      ChromeDriver driver = new ChromeDriver(service, chrome);
      return new Browser(
          driver, runDirectory, profile, Duration.between(startedAt, clock.instant()));
    } catch (WebDriverException e) {
      service.stop();
      killLeftovers(profile);
      throw new PartException(
          "chromium did not start: "
              + e.getRawMessage()
              + "; see "
              + logs.resolve("chromedriver.log"),
          e);
    }
  }

  private static Logger quiet(Logger logger) {
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  /** Puts each CA into a new NSS database in the browser's home directory. */
  private static void trust(Chromium chromium, List<String> caPems, Path home, Path log) {
    if (caPems.isEmpty()) {
      return;
    }
    Path nssdb = home.resolve(".pki/nssdb");
    String database = "sql:" + nssdb;
    try {
      Files.createDirectories(nssdb);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + nssdb, e);
    }
    SetupCommand.run(
        "create a certificate database",
        List.of(chromium.certutil().toString(), "-N", "-d", database, "--empty-password"),
        log,
        SETUP_TIMEOUT);
    for (int i = 0; i < caPems.size(); i++) {
      Path caFile = home.resolve("test-ca-" + i + ".crt");
      try {
        Files.writeString(caFile, caPems.get(i), StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + caFile, e);
      }
      SetupCommand.run(
          "trust a test CA",
          List.of(
              chromium.certutil().toString(),
              "-A",
              "-d",
              database,
              "-n",
              "test-ca-" + i,
              // C: a trusted CA for TLS server certificates.
              "-t",
              "C,,",
              "-i",
              caFile.toString()),
          log,
          SETUP_TIMEOUT);
    }
  }

  /** The Selenium driver of this browser. */
  public WebDriver driver() {
    return driver;
  }

  public Path runDirectory() {
    return runDirectory;
  }

  /** From the start of {@link #start} until the browser answered the driver. */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * Quits the browser and its driver, then ends any process still running with this browser's
   * profile (a renderer the quit did not reach). Idempotent.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    safetyNet.cancel();
    quit(driver, profile);
  }

  private static void quit(ChromeDriver driver, Path profile) {
    try {
      driver.quit();
    } finally {
      killLeftovers(profile);
    }
  }

  /** The processes of this JVM's process tree whose command line names {@code profile}. */
  static List<ProcessHandle> processesUsing(Path profile) {
    String marker = profile.toString();
    return ProcessHandle.current()
        .descendants()
        .filter(
            process ->
                process.info().commandLine().map(line -> line.contains(marker)).orElse(false))
        .toList();
  }

  private static void killLeftovers(Path profile) {
    for (ProcessHandle process : processesUsing(profile)) {
      process.destroyForcibly();
      try {
        process.onExit().get(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        throw new PartException("chromium process " + process.pid() + " did not exit", e);
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "Browser[" + runDirectory + "]";
  }
}

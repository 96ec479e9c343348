package dev.pinnipedjava.testkit.browser;

import dev.pinnipedjava.testkit.loopback.RequiredFile;
import java.nio.file.Path;

/**
 * The Debian Chromium files a {@link Browser} runs: the browser, its WebDriver server, and NSS's
 * certutil, which adds a test CA to the browser's own certificate database.
 */
public record Chromium(Path browser, Path driver, Path certutil) {
  private static final String PART = "the headless browser";

  public static Chromium locate() {
    return locate(Path.of("/"));
  }

  /** The files below {@code root}; throws a {@code MissingPartException} naming the first gap. */
  public static Chromium locate(Path root) {
    return new Chromium(
        new RequiredFile(root.resolve("usr/bin/chromium"), "chromium").require(PART),
        new RequiredFile(root.resolve("usr/bin/chromedriver"), "chromium-driver").require(PART),
        new RequiredFile(root.resolve("usr/bin/certutil"), "libnss3-tools").require(PART));
  }
}

package dev.pinnipedjava.cli.version;

import java.util.Locale;

/** The User-Agent header of the CLI's HTTP requests, in client-go's format. */
public final class UserAgent {

  private UserAgent() {}

  /** For example {@code pinniped-java/v0.1.0 (linux/amd64)}. */
  public static String value() {
    return Holder.VALUE;
  }

  private static final class Holder {
    static final String VALUE =
        "pinniped-java/%s (%s/%s)"
            .formatted(
                BuildVersion.current().gitVersion(),
                System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT),
                System.getProperty("os.arch", "unknown"));
  }
}

package dev.pinnipedjava.cli.version;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version this CLI was built as, in the shape of Kubernetes' {@code version.Info} that {@code
 * pinniped version -o json} prints (the Go toolchain field is replaced by the Java runtime).
 *
 * @param gitVersion {@code v} followed by the Maven project version
 */
@JsonPropertyOrder({
  "major",
  "minor",
  "gitVersion",
  "buildDate",
  "javaVersion",
  "compiler",
  "platform"
})
public record BuildVersion(
    String major,
    String minor,
    String gitVersion,
    String buildDate,
    String javaVersion,
    String compiler,
    String platform) {

  private static final String RESOURCE = "version.properties";

  /** Reads the version the build wrote into the jar and describes the running Java runtime. */
  public static BuildVersion current() {
    Properties properties = new Properties();
    try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return of(
        properties.getProperty("version", "0.0.0"),
        properties.getProperty("buildDate", ""),
        Runtime.version().toString(),
        System.getProperty("os.name", "unknown").toLowerCase(java.util.Locale.ROOT)
            + "/"
            + System.getProperty("os.arch", "unknown"));
  }

  static BuildVersion of(
      String projectVersion, String buildDate, String javaVersion, String platform) {
    String[] numbers = projectVersion.split("[.-]", 3);
    return new BuildVersion(
        numbers.length > 0 ? numbers[0] : "",
        numbers.length > 1 ? numbers[1] : "",
        "v" + projectVersion,
        buildDate,
        javaVersion,
        "javac",
        platform);
  }
}

package dev.pinnipedjava.cli.execcredential;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pinnipedjava.cli.kubejson.KubeJson;
import java.io.PrintStream;

/** Writes the ExecCredential answer: one line of JSON, and nothing else, on stdout. */
public final class ExecCredentialWriter {

  private ExecCredentialWriter() {}

  /** The JSON text, with the trailing newline Go's json.Encoder writes. */
  public static String render(ExecCredentialVersion version, ExecCredentialStatus status) {
    try {
      return KubeJson.json()
              .writeValueAsString(
                  new ExecCredential(
                      "ExecCredential", version.apiVersion(), new Spec(false), status))
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an ExecCredential always serializes", e);
    }
  }

  public static void write(
      PrintStream stdout, ExecCredentialVersion version, ExecCredentialStatus status) {
    stdout.print(render(version, status));
    stdout.flush();
  }

  @JsonPropertyOrder({"kind", "apiVersion", "spec", "status"})
  record ExecCredential(String kind, String apiVersion, Spec spec, ExecCredentialStatus status) {}

  record Spec(boolean interactive) {}
}

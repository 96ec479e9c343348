package dev.pinnipedjava.testkit.kubeconfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * A kubeconfig with one cluster, one user and one context, all named after the user. It is written
 * as YAML whose scalars are JSON-quoted, so any user name or token is safe in it.
 */
public record Kubeconfig(
    URI server, String certificateAuthorityPem, String userName, KubeconfigCredential credential) {

  public String toYaml() {
    StringBuilder yaml = new StringBuilder();
    yaml.append("apiVersion: v1\n")
        .append("kind: Config\n")
        .append("clusters:\n")
        .append("- name: ")
        .append(quoted(userName))
        .append("\n  cluster:\n    server: ")
        .append(quoted(server.toString()))
        .append("\n    certificate-authority-data: ")
        .append(base64(certificateAuthorityPem))
        .append("\nusers:\n- name: ")
        .append(quoted(userName))
        .append("\n  user:\n");
    if (credential instanceof KubeconfigCredential.ClientCertificate certificate) {
      yaml.append("    client-certificate-data: ")
          .append(base64(certificate.certificatePem()))
          .append("\n    client-key-data: ")
          .append(base64(certificate.privateKeyPem()))
          .append('\n');
    } else if (credential instanceof KubeconfigCredential.BearerToken token) {
      yaml.append("    token: ").append(quoted(token.token())).append('\n');
    }
    yaml.append("contexts:\n- name: ")
        .append(quoted(userName))
        .append("\n  context:\n    cluster: ")
        .append(quoted(userName))
        .append("\n    user: ")
        .append(quoted(userName))
        .append("\ncurrent-context: ")
        .append(quoted(userName))
        .append('\n');
    return yaml.toString();
  }

  /** Writes the kubeconfig readable by the owner only, since it holds a credential. */
  public Path writeTo(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, toYaml(), StandardCharsets.UTF_8, StandardOpenOption.WRITE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write kubeconfig " + file, e);
    }
  }

  private static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }

  private static String quoted(String value) {
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }

  @Override
  public String toString() {
    return "Kubeconfig[server="
        + server
        + ", user="
        + userName
        + ", credential="
        + credential
        + "]";
  }
}

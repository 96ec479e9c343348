package dev.pinnipedjava.concierge.kubecertagent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the kube-controller-manager keeps the CA that signs client certificates, read from its
 * command line: the client-certificate signer flags when given, else the general signer flags, else
 * the paths Pinniped assumes.
 *
 * @param certificate the CA certificate file
 * @param key the CA private key file
 */
public record SigningKeyPaths(String certificate, String key) {
  static final String DEFAULT_CERTIFICATE = "/etc/kubernetes/ca/ca.pem";
  static final String DEFAULT_KEY = "/etc/kubernetes/ca/ca.key";

  /** The paths the first container of {@code controllerManager} that names them gives. */
  public static SigningKeyPaths of(Pod controllerManager) {
    List<List<String>> commandLines = new ArrayList<>();
    for (Container container : controllerManager.getSpec().getContainers()) {
      List<String> words = new ArrayList<>();
      if (container.getCommand() != null) {
        words.addAll(container.getCommand());
      }
      if (container.getArgs() != null) {
        words.addAll(container.getArgs());
      }
      commandLines.add(words);
    }
    return new SigningKeyPaths(
        firstFlag(
            commandLines,
            List.of("cluster-signing-kube-apiserver-client-cert-file", "cluster-signing-cert-file"),
            DEFAULT_CERTIFICATE),
        firstFlag(
            commandLines,
            List.of("cluster-signing-kube-apiserver-client-key-file", "cluster-signing-key-file"),
            DEFAULT_KEY));
  }

  private static String firstFlag(
      List<List<String>> commandLines, List<String> names, String fallback) {
    for (String name : names) {
      for (List<String> words : commandLines) {
        Optional<String> value = flag(words, name);
        if (value.isPresent()) {
          return value.get();
        }
      }
    }
    return fallback;
  }

  /** The value of {@code --name=value} or {@code --name value}, as Go's pflag reads them. */
  static Optional<String> flag(List<String> words, String name) {
    String prefix = "--" + name;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (word.startsWith(prefix + "=")) {
        String value = word.substring(prefix.length() + 1);
        if (!value.isEmpty()) {
          return Optional.of(value);
        }
      } else if (word.equals(prefix) && i + 1 < words.size()) {
        return Optional.of(words.get(i + 1));
      }
    }
    return Optional.empty();
  }
}

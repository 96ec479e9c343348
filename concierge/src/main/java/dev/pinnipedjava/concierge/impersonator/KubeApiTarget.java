package dev.pinnipedjava.concierge.impersonator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The kube-apiserver the proxy forwards to, the CA it trusts there and the proxy's credentials.
 *
 * @param server the kube-apiserver's URL
 * @param caPem the CA bundle of its serving certificate
 * @param credentials how the proxy authenticates
 */
public record KubeApiTarget(URI server, String caPem, UpstreamCredentials credentials) {

  /**
   * The server and CA the Concierge's own client uses, with the given token (the impersonation
   * proxy service account's).
   *
   * @throws IllegalArgumentException when the client has no usable CA or URL
   */
  public static KubeApiTarget fromClient(KubernetesClient client, Supplier<String> token) {
    Config config = client.getConfiguration();
    return new KubeApiTarget(
        URI.create(config.getMasterUrl()),
        pem(config.getCaCertData(), config.getCaCertFile(), "certificate-authority"),
        new UpstreamCredentials.BearerToken(token));
  }

  /**
   * The current context of a kubeconfig: its server and CA, and its client certificate or token.
   *
   * @throws IllegalArgumentException when the kubeconfig cannot be read or lacks a credential
   */
  public static KubeApiTarget fromKubeconfig(Path kubeconfig) {
    Config config;
    try {
      config = Config.fromKubeconfig(Files.readString(kubeconfig, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot read the impersonation proxy's kubeconfig " + kubeconfig + ": " + e.getMessage(),
          e);
    }
    String caPem = pem(config.getCaCertData(), config.getCaCertFile(), "certificate-authority");
    UpstreamCredentials credentials;
    if (config.getClientCertData() != null || config.getClientCertFile() != null) {
      credentials =
          new UpstreamCredentials.ClientCertificate(
              pem(config.getClientCertData(), config.getClientCertFile(), "client-certificate"),
              pem(config.getClientKeyData(), config.getClientKeyFile(), "client-key"));
    } else if (config.getOauthToken() != null && !config.getOauthToken().isEmpty()) {
      String token = config.getOauthToken();
      credentials = new UpstreamCredentials.BearerToken(() -> token);
    } else {
      throw new IllegalArgumentException(
          "the impersonation proxy's kubeconfig "
              + kubeconfig
              + " has no client certificate or token");
    }
    return new KubeApiTarget(URI.create(config.getMasterUrl()), caPem, credentials);
  }

  /** Inline base64 data wins over a file, as in kubeconfigs. */
  private static String pem(@Nullable String base64Data, @Nullable String file, String what) {
    if (base64Data != null && !base64Data.isEmpty()) {
      return new String(Base64.getDecoder().decode(base64Data.trim()), StandardCharsets.UTF_8);
    }
    if (file != null && !file.isEmpty()) {
      try {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the " + what + " file " + file, e);
      }
    }
    throw new IllegalArgumentException("no " + what + " is configured for the kube-apiserver");
  }

  @Override
  public String toString() {
    return "KubeApiTarget[" + server + "]";
  }
}

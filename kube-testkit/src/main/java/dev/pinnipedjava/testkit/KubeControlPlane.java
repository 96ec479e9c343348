package dev.pinnipedjava.testkit;

import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
import dev.pinnipedjava.pki.Pem;
import dev.pinnipedjava.testkit.controlplane.ControlPlane;
import dev.pinnipedjava.testkit.controlplane.ControlPlaneBinaries;
import dev.pinnipedjava.testkit.kubeconfig.Kubeconfig;
import dev.pinnipedjava.testkit.kubeconfig.KubeconfigCredential;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a test sees of a running control plane: its address and version, an admin client, kubectl,
 * and the CAs and token to make identities the API server accepts. Injected by {@link
 * KubeControlPlaneExtension}; the instance is shared by every test of the JVM, so tests must not
 * stop it.
 */
public final class KubeControlPlane implements AutoCloseable {
  private static final Duration KUBECTL_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration USER_CERTIFICATE_VALIDITY = Duration.ofDays(1);

  private final ControlPlane controlPlane;
  private final KubernetesClient adminClient;
  private final Kubectl kubectl;
  private final AtomicInteger kubeconfigCount = new AtomicInteger();

  private KubeControlPlane(ControlPlane controlPlane) {
    this.controlPlane = controlPlane;
    this.adminClient = client(controlPlane.adminKubeconfig());
    Path root = controlPlane.layout().root();
    this.kubectl =
        new Kubectl(
            controlPlane.binaries().kubectl(),
            controlPlane.layout().kubectlCache(),
            root.resolve("kubectl-output"),
            KUBECTL_TIMEOUT);
  }

  /** Starts a control plane of its own in {@code runDirectory}; stop it with {@link #stop()}. */
  public static KubeControlPlane start(ControlPlaneBinaries binaries, Path runDirectory) {
    return new KubeControlPlane(ControlPlane.start(binaries, runDirectory));
  }

  private static KubernetesClient client(Path kubeconfig) {
    try {
      String yaml = Files.readString(kubeconfig, StandardCharsets.UTF_8);
      return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(yaml)).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + kubeconfig, e);
    }
  }

  /** The API server's {@code gitVersion}, for example {@code v1.34.4}. */
  public String version() {
    return controlPlane.version();
  }

  public URI apiServerUrl() {
    return controlPlane.apiServerUrl();
  }

  /** A kubeconfig for user {@code admin} in group {@code system:masters}. */
  public Path adminKubeconfig() {
    return controlPlane.adminKubeconfig();
  }

  /** A fabric8 client authenticated as the admin; shared, closed when the control plane stops. */
  public KubernetesClient adminClient() {
    return adminClient;
  }

  /** The CA whose client certificates the API server accepts (CN = user, O = groups). */
  public CertificateAuthority clientCa() {
    return controlPlane.credentials().clientCa();
  }

  /** The CA of {@code --requestheader-client-ca-file}; it signs the front-proxy client. */
  public CertificateAuthority frontProxyCa() {
    return controlPlane.credentials().frontProxyCa();
  }

  /** The CA that signed the API server's serving certificate, PEM. */
  public String servingCaPem() {
    return controlPlane.credentials().servingCa().certificatePem();
  }

  /**
   * A bearer token the API server maps to user {@code static-user} in group {@code static-group}.
   */
  public String staticUserToken() {
    return controlPlane.credentials().staticUserToken();
  }

  /**
   * A kubeconfig authenticating as {@code user} in {@code groups} with a freshly minted
   * certificate.
   */
  public Path writeUserKubeconfig(String user, List<String> groups) {
    IssuedCertificate certificate =
        clientCa().issueClientCertificate(user, groups, USER_CERTIFICATE_VALIDITY);
    return new Kubeconfig(
            apiServerUrl(),
            servingCaPem(),
            user,
            new KubeconfigCredential.ClientCertificate(
                certificate.certificatePem(),
                Pem.encodeTraditionalPrivateKey(certificate.privateKey())))
        .writeTo(nextKubeconfigFile("user"));
  }

  /** A kubeconfig presenting {@code token} as a bearer token, its user entry named {@code name}. */
  public Path writeTokenKubeconfig(String name, String token) {
    return new Kubeconfig(
            apiServerUrl(), servingCaPem(), name, new KubeconfigCredential.BearerToken(token))
        .writeTo(nextKubeconfigFile("token"));
  }

  private Path nextKubeconfigFile(String kind) {
    return controlPlane
        .layout()
        .kubeconfigs()
        .resolve(kind + "-" + kubeconfigCount.incrementAndGet() + ".yaml");
  }

  /** Runs kubectl with {@code kubeconfig}, stdin closed, within 60 seconds. */
  public KubectlResult kubectl(Path kubeconfig, String... args) {
    return kubectl.run(kubeconfig, null, Arrays.asList(args));
  }

  /**
   * Runs kubectl with {@code kubeconfig}, feeding it {@code stdin} (for {@code apply -f -}). The
   * arguments are a list so that this overload cannot be confused with the one above.
   */
  public KubectlResult kubectl(Path kubeconfig, String stdin, List<String> args) {
    return kubectl.run(kubeconfig, stdin, args);
  }

  public Path binariesDirectory() {
    return controlPlane.binaries().directory();
  }

  public Path runDirectory() {
    return controlPlane.layout().root();
  }

  /** How long the start took, until {@code /readyz} answered. */
  public Duration startupTime() {
    return controlPlane.startupTime();
  }

  /** Closes the admin client, then stops kube-apiserver and etcd and waits for them to exit. */
  public void stop() {
    try {
      adminClient.close();
    } finally {
      controlPlane.stop();
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "KubeControlPlane[" + version() + " at " + apiServerUrl() + "]";
  }
}

package dev.pinnipedjava.concierge.config;

import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Everything the Concierge is told at start, already validated.
 *
 * @param apiGroupSuffix the suffix of every API group served or read
 * @param namespace the namespace the Concierge runs in
 * @param apiServiceName the Service in front of the aggregated API ({@code names.apiService}); the
 *     kube-apiserver checks that the serving certificate names {@code <service>.<namespace>.svc}
 * @param servingCertificateSecretName the Secret holding the aggregation CA and serving certificate
 *     ({@code names.servingCertificateSecret})
 * @param bindAddress the address the aggregated API server listens on
 * @param aggregatedApiServerPort its port; 0 lets the operating system choose (tests)
 * @param servingCertificate lifetime of the aggregated API's serving certificate
 * @param clientCertificateSigner the CA files that sign TokenCredentialRequest client certificates
 *     when running off-cluster; null when none is configured, and then every exchange fails
 * @param logUsernamesAndGroups whether audit events name users and groups (they are personal data)
 * @param discoveryUrl the kube-apiserver URL clients are told to use ({@code discovery.url}); null
 *     takes it from {@code kube-public/cluster-info}
 * @param credentialIssuerName the CredentialIssuer the Concierge reads and reports to ({@code
 *     names.credentialIssuer})
 * @param impersonationProxy where the impersonation proxy listens and what it names its objects
 * @param labels put on every object the Concierge creates
 * @param kubeCertAgent the agent that reads the cluster's signing key in a cluster, used when no
 *     {@code clientCertificateSigner} is configured
 */
public record ConciergeConfig(
    ApiGroupSuffix apiGroupSuffix,
    String namespace,
    String apiServiceName,
    String servingCertificateSecretName,
    String bindAddress,
    int aggregatedApiServerPort,
    ServingCertificate servingCertificate,
    @Nullable SignerFiles clientCertificateSigner,
    boolean logUsernamesAndGroups,
    @Nullable String discoveryUrl,
    String credentialIssuerName,
    ImpersonationProxy impersonationProxy,
    Map<String, String> labels,
    KubeCertAgent kubeCertAgent) {

  public static final int DEFAULT_PORT = 10250;
  public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
  public static final String DEFAULT_NAMESPACE = "pinniped-concierge";
  public static final String DEFAULT_API_SERVICE_NAME = "pinniped-concierge-api";
  public static final String DEFAULT_SERVING_CERTIFICATE_SECRET_NAME =
      "pinniped-concierge-api-tls-serving-certificate";
  public static final String DEFAULT_CREDENTIAL_ISSUER_NAME = "pinniped-concierge-config";
  public static final Map<String, String> DEFAULT_LABELS = Map.of("app", "pinniped-concierge");

  public ConciergeConfig {
    if (namespace.isEmpty() || apiServiceName.isEmpty() || servingCertificateSecretName.isEmpty()) {
      throw new IllegalArgumentException(
          "namespace, names.apiService and names.servingCertificateSecret must not be empty");
    }
    requirePort("aggregatedAPIServerPort", aggregatedApiServerPort);
    requirePort("impersonationProxyServerPort", impersonationProxy.port());
    if (credentialIssuerName.isEmpty()) {
      throw new IllegalArgumentException("names.credentialIssuer must not be empty");
    }
    if (discoveryUrl != null) {
      requireHttpsUrl(discoveryUrl);
    }
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  private static void requirePort(String key, int port) {
    if (port != 0 && (port < 1024 || port > 65535)) {
      throw new IllegalArgumentException(
          key + " must be between 1024 and 65535 (or 0 for any free port), got " + port);
    }
  }

  private static void requireHttpsUrl(String url) {
    try {
      URI uri = new URI(url);
      if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("discovery.url must be an https URL, got " + url);
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("discovery.url is not a URL: " + e.getMessage(), e);
    }
  }

  /** The defaults Pinniped's Concierge uses, without a client certificate signer. */
  public static ConciergeConfig defaults() {
    return new ConciergeConfig(
        ApiGroupSuffix.DEFAULT,
        DEFAULT_NAMESPACE,
        DEFAULT_API_SERVICE_NAME,
        DEFAULT_SERVING_CERTIFICATE_SECRET_NAME,
        DEFAULT_BIND_ADDRESS,
        DEFAULT_PORT,
        ServingCertificate.DEFAULT,
        null,
        false,
        null,
        DEFAULT_CREDENTIAL_ISSUER_NAME,
        ImpersonationProxy.DEFAULT,
        DEFAULT_LABELS,
        KubeCertAgent.DEFAULT);
  }

  /**
   * How long the aggregated API's serving certificate lives and how long before its end it is
   * replaced.
   */
  public record ServingCertificate(Duration duration, Duration renewBefore) {
    /** Pinniped's config defaults: one year, renewed after about three months. */
    public static final ServingCertificate DEFAULT =
        new ServingCertificate(Duration.ofDays(365), Duration.ofDays(30L * 9));

    public ServingCertificate {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(
            "api.servingCertificate.durationSeconds must be positive");
      }
      if (renewBefore.isNegative()
          || renewBefore.isZero()
          || renewBefore.compareTo(duration) >= 0) {
        throw new IllegalArgumentException(
            "api.servingCertificate.renewBeforeSeconds must be positive and less than"
                + " durationSeconds");
      }
    }
  }

  /**
   * This config listening on another address and port, as tests need; port 0 lets the impersonation
   * proxy choose its port too.
   */
  public ConciergeConfig withListener(String bindAddress, int port) {
    Copy copy = new Copy(this);
    copy.bindAddress = bindAddress;
    copy.aggregatedApiServerPort = port;
    copy.impersonationProxy =
        impersonationProxy.withPort(port == 0 ? 0 : impersonationProxy.port());
    return copy.build();
  }

  /** This config in another namespace, as the pod's downward API says in a cluster. */
  public ConciergeConfig withNamespace(String otherNamespace) {
    Copy copy = new Copy(this);
    copy.namespace = otherNamespace;
    return copy.build();
  }

  /** This config with other serving certificate lifetimes. */
  public ConciergeConfig withServingCertificate(ServingCertificate lifetimes) {
    Copy copy = new Copy(this);
    copy.servingCertificate = lifetimes;
    return copy.build();
  }

  /** This config with other kube-cert-agent settings. */
  public ConciergeConfig withKubeCertAgent(KubeCertAgent settings) {
    Copy copy = new Copy(this);
    copy.kubeCertAgent = settings;
    return copy.build();
  }

  /**
   * The kube-cert-agent, Pinniped's {@code kubeCertAgent} and {@code names.agentServiceAccount}.
   *
   * @param namePrefix its Deployment is named this without the trailing {@code -}
   * @param image the image of its pod, which must hold the {@code
   *     pinniped-concierge-kube-cert-agent} command
   * @param imagePullSecrets Secrets the pod pulls the image with
   * @param priorityClassName the pod's priority class, empty for none
   * @param serviceAccountName the pod's service account
   */
  public record KubeCertAgent(
      String namePrefix,
      String image,
      List<String> imagePullSecrets,
      String priorityClassName,
      String serviceAccountName) {
    public static final KubeCertAgent DEFAULT =
        new KubeCertAgent(
            "pinniped-concierge-kube-cert-agent-",
            "pinniped-java/pinniped-java-server:0.1.0",
            List.of(),
            "",
            "pinniped-concierge-kube-cert-agent");

    public KubeCertAgent {
      imagePullSecrets = List.copyOf(imagePullSecrets);
      if (namePrefix.isEmpty() || image.isEmpty() || serviceAccountName.isEmpty()) {
        throw new IllegalArgumentException(
            "kubeCertAgent.namePrefix, kubeCertAgent.image and names.agentServiceAccount must not"
                + " be empty");
      }
    }

    /** The Deployment's name: the prefix without its trailing dash. */
    public String deploymentName() {
      return namePrefix.endsWith("-")
          ? namePrefix.substring(0, namePrefix.length() - 1)
          : namePrefix;
    }
  }

  /** This config with a client certificate signer. */
  public ConciergeConfig withClientCertificateSigner(@Nullable SignerFiles signer) {
    Copy copy = new Copy(this);
    copy.clientCertificateSigner = signer;
    return copy.build();
  }

  /** This config with other impersonation proxy settings. */
  public ConciergeConfig withImpersonationProxy(ImpersonationProxy settings) {
    Copy copy = new Copy(this);
    copy.impersonationProxy = settings;
    return copy.build();
  }

  /** This config reporting to another CredentialIssuer and advertising another server URL. */
  public ConciergeConfig withCredentialIssuer(String name, @Nullable String url) {
    Copy copy = new Copy(this);
    copy.discoveryUrl = url;
    copy.credentialIssuerName = name;
    return copy.build();
  }

  /**
   * The impersonation proxy's port and the names of the objects it uses, Pinniped's {@code
   * impersonationProxyServerPort} and {@code names.impersonation*}.
   *
   * @param port the HTTPS port the proxy listens on; 0 lets the operating system choose (tests)
   * @param loadBalancerServiceName the LoadBalancer Service created in front of it
   * @param clusterIpServiceName the ClusterIP Service created in front of it
   * @param tlsSecretName the generated serving certificate
   * @param caSecretName the generated CA that signs the serving certificate
   * @param signerSecretName the CA that signs client certificates only the proxy accepts
   * @param serviceAccountName the identity the proxy forwards requests with
   * @param kubeconfig ours, for running outside a cluster: a kubeconfig whose credentials the proxy
   *     forwards with instead of short-lived tokens of the service account; null uses the tokens
   */
  public record ImpersonationProxy(
      int port,
      String loadBalancerServiceName,
      String clusterIpServiceName,
      String tlsSecretName,
      String caSecretName,
      String signerSecretName,
      String serviceAccountName,
      @Nullable Path kubeconfig) {
    public static final int DEFAULT_PORT = 8444;

    public static final ImpersonationProxy DEFAULT =
        new ImpersonationProxy(
            DEFAULT_PORT,
            "pinniped-concierge-impersonation-proxy-load-balancer",
            "pinniped-concierge-impersonation-proxy-cluster-ip",
            "pinniped-concierge-impersonation-proxy-tls-serving-certificate",
            "pinniped-concierge-impersonation-proxy-ca-certificate",
            "pinniped-concierge-impersonation-proxy-signer-ca-certificate",
            "pinniped-concierge-impersonation-proxy",
            null);

    public ImpersonationProxy {
      for (String name :
          List.of(
              loadBalancerServiceName,
              clusterIpServiceName,
              tlsSecretName,
              caSecretName,
              signerSecretName,
              serviceAccountName)) {
        if (name.isEmpty()) {
          throw new IllegalArgumentException("names.impersonation* must not be empty");
        }
      }
    }

    /** These settings listening on another port. */
    public ImpersonationProxy withPort(int otherPort) {
      return new ImpersonationProxy(
          otherPort,
          loadBalancerServiceName,
          clusterIpServiceName,
          tlsSecretName,
          caSecretName,
          signerSecretName,
          serviceAccountName,
          kubeconfig);
    }

    /** These settings forwarding with the credentials of {@code file}. */
    public ImpersonationProxy withKubeconfig(@Nullable Path file) {
      return new ImpersonationProxy(
          port,
          loadBalancerServiceName,
          clusterIpServiceName,
          tlsSecretName,
          caSecretName,
          signerSecretName,
          serviceAccountName,
          file);
    }
  }

  /** PEM files of a CA certificate and its private key. */
  public record SignerFiles(Path certificateFile, Path privateKeyFile) {}

  /** A changeable copy, so that each {@code with} method names only what it changes. */
  private static final class Copy {
    private ApiGroupSuffix apiGroupSuffix;
    private String namespace;
    private String apiServiceName;
    private String servingCertificateSecretName;
    private String bindAddress;
    private int aggregatedApiServerPort;
    private ServingCertificate servingCertificate;
    private @Nullable SignerFiles clientCertificateSigner;
    private boolean logUsernamesAndGroups;
    private @Nullable String discoveryUrl;
    private String credentialIssuerName;
    private ImpersonationProxy impersonationProxy;
    private Map<String, String> labels;
    private KubeCertAgent kubeCertAgent;

    private Copy(ConciergeConfig config) {
      apiGroupSuffix = config.apiGroupSuffix;
      namespace = config.namespace;
      apiServiceName = config.apiServiceName;
      servingCertificateSecretName = config.servingCertificateSecretName;
      bindAddress = config.bindAddress;
      aggregatedApiServerPort = config.aggregatedApiServerPort;
      servingCertificate = config.servingCertificate;
      clientCertificateSigner = config.clientCertificateSigner;
      logUsernamesAndGroups = config.logUsernamesAndGroups;
      discoveryUrl = config.discoveryUrl;
      credentialIssuerName = config.credentialIssuerName;
      impersonationProxy = config.impersonationProxy;
      labels = config.labels;
      kubeCertAgent = config.kubeCertAgent;
    }

    private ConciergeConfig build() {
      return new ConciergeConfig(
          apiGroupSuffix,
          namespace,
          apiServiceName,
          servingCertificateSecretName,
          bindAddress,
          aggregatedApiServerPort,
          servingCertificate,
          clientCertificateSigner,
          logUsernamesAndGroups,
          discoveryUrl,
          credentialIssuerName,
          impersonationProxy,
          labels,
          kubeCertAgent);
    }
  }
}

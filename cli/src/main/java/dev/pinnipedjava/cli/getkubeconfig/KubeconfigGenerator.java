package dev.pinnipedjava.cli.getkubeconfig;

import dev.pinnipedjava.cli.conciergediscovery.ConciergeDiscovery;
import dev.pinnipedjava.cli.conciergediscovery.ConciergeDiscoveryException;
import dev.pinnipedjava.cli.conciergediscovery.ConciergeQuery;
import dev.pinnipedjava.cli.conciergediscovery.DiscoveredConcierge;
import dev.pinnipedjava.cli.conciergediscovery.DiscoveredConcierge.JwtIssuer;
import dev.pinnipedjava.cli.diagnostics.DebugLog;
import dev.pinnipedjava.cli.diagnostics.InfoLog;
import dev.pinnipedjava.cli.getkubeconfig.GeneratedKubeconfig.Names;
import dev.pinnipedjava.cli.getkubeconfig.KubeconfigRequest.Oidc;
import dev.pinnipedjava.cli.http.HttpClientFactory;
import dev.pinnipedjava.cli.http.Pem;
import dev.pinnipedjava.cli.http.TlsProfile;
import dev.pinnipedjava.cli.http.TlsSettings;
import dev.pinnipedjava.cli.kubeclient.KubeApiClient;
import dev.pinnipedjava.cli.kubeclient.KubeApiClients;
import dev.pinnipedjava.cli.kubeconfig.ConnectionSettings;
import dev.pinnipedjava.cli.kubeconfig.ExecPluginRunner;
import dev.pinnipedjava.cli.kubeconfig.Kubeconfig;
import dev.pinnipedjava.cli.kubeconfig.KubeconfigException;
import dev.pinnipedjava.cli.supervisordiscovery.SupervisorDiscoveryException;
import dev.pinnipedjava.cli.supervisordiscovery.SupervisorIssuer;
import dev.pinnipedjava.cli.supervisordiscovery.SupervisorSettings;
import dev.pinnipedjava.cli.timing.Deadline;
import dev.pinnipedjava.cli.timing.Sleeper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes the kubeconfig as Pinniped's {@code get kubeconfig} does: from the current context of the
 * user's kubeconfig, the Concierge's CredentialIssuer and authenticator (unless {@code
 * --no-concierge}), and the Supervisor's discovery (when there is an OIDC issuer); then checks that
 * the new cluster entry answers, unless told not to.
 */
public final class KubeconfigGenerator {

  static final String EXEC_API_VERSION = "client.authentication.k8s.io/v1beta1";

  private final Function<String, Optional<String>> env;
  private final Path home;
  private final HttpClientFactory httpClients;
  private final ExecPluginRunner plugins;
  private final Optional<Path> self;
  private final Clock clock;
  private final Sleeper sleeper;
  private final InfoLog log;
  private final DebugLog debug;

  /**
   * @param env for {@code KUBECONFIG}
   * @param home for {@code ~/.kube/config}
   * @param plugins runs the current context's credential plugin to read the cluster
   * @param self the launcher the kubeconfig runs unless {@code --pinniped-cli-path} says otherwise
   */
  public KubeconfigGenerator(
      Function<String, Optional<String>> env,
      Path home,
      HttpClientFactory httpClients,
      ExecPluginRunner plugins,
      Optional<Path> self,
      Clock clock,
      Sleeper sleeper,
      InfoLog log,
      DebugLog debug) {
    this.env = env;
    this.home = home;
    this.httpClients = httpClients;
    this.plugins = plugins;
    this.self = self;
    this.clock = clock;
    this.sleeper = sleeper;
    this.log = log;
    this.debug = debug;
  }

  /** The kubeconfig as YAML. */
  public String generate(KubeconfigRequest request)
      throws GetKubeconfigException, InterruptedException {
    Deadline deadline = new Deadline(clock, request.timeout(), sleeper);
    Kubeconfig current;
    try {
      current = Kubeconfig.load(request.kubeconfig(), env, home);
    } catch (KubeconfigException e) {
      throw new GetKubeconfigException("could not load --kubeconfig: " + e.getMessage(), e);
    }
    ConnectionSettings connection;
    String user;
    try {
      connection = current.connection(request.kubeconfigContext());
      user =
          current
              .userOf(request.kubeconfigContext())
              .orElseThrow(
                  () ->
                      new KubeconfigException(
                          "no such user for context \"%s\""
                              .formatted(
                                  current.contextName(request.kubeconfigContext()).orElse(""))));
    } catch (KubeconfigException e) {
      throw new GetKubeconfigException(
          "could not load --kubeconfig/--kubeconfig-context: " + e.getMessage(), e);
    }
    String suffix = request.generatedNameSuffix();
    Names names =
        new Names(
            connection.clusterName() + suffix, user + suffix, connection.contextName() + suffix);
    String server = connection.server().toString();
    String clusterCa = clusterCaPem(connection);

    Oidc oidc = request.oidc();
    Optional<DiscoveredConcierge> concierge = Optional.empty();
    if (!request.concierge().disabled()) {
      DiscoveredConcierge discovered = discoverConcierge(request, connection, clusterCa, deadline);
      concierge = Optional.of(discovered);
      if (discovered.jwt().isPresent()) {
        oidc = withJwtAuthenticator(oidc, discovered.jwt().get());
      }
      server = discovered.endpoint();
      clusterCa = discovered.caBundlePem();
    }
    if (!oidc.issuer().isEmpty()) {
      oidc = withSupervisor(oidc, deadline);
    }

    List<String> args = ExecArgs.of(request, concierge, oidc);
    Path command =
        request
            .cliPath()
            .or(() -> self)
            .orElseThrow(
                () ->
                    new GetKubeconfigException(
                        "could not determine the pinniped-java executable path: run pinniped-java"
                            + " through its launcher, or pass --pinniped-cli-path"));
    GeneratedKubeconfig kubeconfig =
        GeneratedKubeconfig.of(
            names,
            new GeneratedKubeconfig.Cluster(server, ExecArgs.base64(clusterCa)),
            new GeneratedKubeconfig.Exec(
                EXEC_API_VERSION,
                args,
                command.toString(),
                List.<Map<String, String>>of(),
                request.installHint(),
                true));
    if (!request.skipValidation()) {
      ClusterValidation.validate(server, clusterCa, httpClients, deadline, log);
    }
    return kubeconfig.toYaml();
  }

  private DiscoveredConcierge discoverConcierge(
      KubeconfigRequest request, ConnectionSettings connection, String clusterCa, Deadline deadline)
      throws GetKubeconfigException, InterruptedException {
    KubeApiClient api;
    try {
      api = KubeApiClients.forConnection(connection, httpClients, plugins, debug);
    } catch (KubeconfigException e) {
      throw new GetKubeconfigException(
          "could not configure Kubernetes client: " + e.getMessage(), e);
    }
    KubeconfigRequest.Concierge flags = request.concierge();
    ConciergeQuery query =
        new ConciergeQuery(
            flags.credentialIssuer(),
            flags.authenticatorType(),
            flags.authenticatorName(),
            flags.mode(),
            flags.endpoint(),
            flags.caBundlePem(),
            flags.skipWait(),
            request.oidc().caBundlePem().isEmpty());
    try {
      return new ConciergeDiscovery(api, flags.apiGroupSuffix(), deadline, log)
          .discover(query, connection.server().toString(), clusterCa);
    } catch (ConciergeDiscoveryException e) {
      throw new GetKubeconfigException(String.valueOf(e.getMessage()), e);
    }
  }

  /** Fills what the user left open from the JWTAuthenticator. */
  private Oidc withJwtAuthenticator(Oidc oidc, JwtIssuer jwt) {
    String issuer = oidc.issuer();
    if (issuer.isEmpty()) {
      issuer = jwt.issuer();
      log.log("discovered OIDC issuer", "issuer", issuer);
    }
    String audience = oidc.requestAudience();
    if (audience.isEmpty()) {
      audience = jwt.audience();
      log.log("discovered OIDC audience", "audience", audience);
    }
    String caBundle = oidc.caBundlePem().isEmpty() ? jwt.caBundlePem() : oidc.caBundlePem();
    return new Oidc(
        issuer,
        oidc.clientId(),
        oidc.listenPort(),
        oidc.scopes(),
        oidc.skipBrowser(),
        oidc.skipListen(),
        oidc.sessionCache(),
        caBundle,
        oidc.debugSessionCache(),
        audience,
        oidc.upstream());
  }

  private Oidc withSupervisor(Oidc oidc, Deadline deadline) throws GetKubeconfigException {
    TlsSettings tls;
    try {
      tls =
          TlsSettings.of(
              TlsProfile.DEFAULT,
              oidc.caBundlePem().isEmpty()
                  ? List.of()
                  : Pem.certificates(oidc.caBundlePem().getBytes(StandardCharsets.US_ASCII)),
              null);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new GetKubeconfigException(
          "unable to fetch OIDC discovery data from issuer: could not parse CA bundle", e);
    }
    SupervisorSettings settings;
    try {
      settings =
          new SupervisorIssuer(httpClients.create(tls), deadline, log)
              .settings(oidc.issuer(), oidc.scopes(), oidc.upstream());
    } catch (SupervisorDiscoveryException e) {
      throw new GetKubeconfigException(String.valueOf(e.getMessage()), e);
    }
    return new Oidc(
        oidc.issuer(),
        oidc.clientId(),
        oidc.listenPort(),
        settings.scopes(),
        oidc.skipBrowser(),
        oidc.skipListen(),
        oidc.sessionCache(),
        oidc.caBundlePem(),
        oidc.debugSessionCache(),
        oidc.requestAudience(),
        settings.upstream());
  }

  /** The cluster's CA bundle as PEM text ("" when the kubeconfig gives none). */
  private static String clusterCaPem(ConnectionSettings connection) {
    String data = connection.certificateAuthorityData();
    return data == null
        ? ""
        : new String(Base64.getDecoder().decode(data), StandardCharsets.US_ASCII);
  }
}

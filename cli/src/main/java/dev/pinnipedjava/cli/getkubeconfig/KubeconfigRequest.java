package dev.pinnipedjava.cli.getkubeconfig;

import dev.pinnipedjava.cli.concierge.ApiGroupSuffix;
import dev.pinnipedjava.cli.conciergediscovery.ConciergeMode;
import dev.pinnipedjava.cli.supervisordiscovery.UpstreamChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The flags of {@code get kubeconfig}, parsed; "" and empty values mean "discover it" (or "leave it
 * out" where nothing is discovered).
 *
 * @param kubeconfig {@code --kubeconfig}, or null for $KUBECONFIG or ~/.kube/config
 * @param credentialCache {@code --credential-cache}, passed on only when given (even as "")
 * @param cliPath {@code --pinniped-cli-path}, or empty for the launcher this runs from
 */
public record KubeconfigRequest(
    @Nullable String kubeconfig,
    String kubeconfigContext,
    StaticToken staticToken,
    Concierge concierge,
    Oidc oidc,
    boolean skipValidation,
    Duration timeout,
    String generatedNameSuffix,
    @Nullable String credentialCache,
    Optional<Path> cliPath,
    String installHint) {

  /** {@code --static-token} and {@code --static-token-env}: at most one may be set. */
  public record StaticToken(String token, String tokenEnv) {
    boolean isSet() {
      return !token.isEmpty() || !tokenEnv.isEmpty();
    }
  }

  /**
   * The {@code --concierge-*} flags.
   *
   * @param caBundlePem the files of {@code --concierge-ca-bundle}, joined
   */
  public record Concierge(
      boolean disabled,
      String credentialIssuer,
      String authenticatorType,
      String authenticatorName,
      ApiGroupSuffix apiGroupSuffix,
      boolean skipWait,
      String caBundlePem,
      String endpoint,
      Optional<ConciergeMode> mode) {}

  /**
   * The {@code --oidc-*} and {@code --upstream-identity-provider-*} flags.
   *
   * @param caBundlePem the files of {@code --oidc-ca-bundle}, joined
   */
  public record Oidc(
      String issuer,
      String clientId,
      int listenPort,
      List<String> scopes,
      boolean skipBrowser,
      boolean skipListen,
      String sessionCache,
      String caBundlePem,
      boolean debugSessionCache,
      String requestAudience,
      UpstreamChoice upstream) {
    public Oidc {
      scopes = List.copyOf(scopes);
    }
  }

  @Override
  public String toString() {
    return "KubeconfigRequest[kubeconfig=%s, context=%s]".formatted(kubeconfig, kubeconfigContext);
  }
}

package dev.pinnipedjava.cli.getkubeconfig;

import dev.pinnipedjava.cli.conciergediscovery.DiscoveredConcierge;
import dev.pinnipedjava.cli.getkubeconfig.KubeconfigRequest.Oidc;
import dev.pinnipedjava.cli.supervisordiscovery.UpstreamChoice;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The arguments of the login command the generated kubeconfig runs, in Pinniped's order. */
final class ExecArgs {

  private ExecArgs() {}

  /**
   * @param concierge the Concierge settings, or empty with {@code --no-concierge}
   * @param oidc the OIDC settings after discovery (issuer, audience, CA, scopes, upstream)
   */
  static List<String> of(
      KubeconfigRequest request, Optional<DiscoveredConcierge> concierge, Oidc oidc)
      throws GetKubeconfigException {
    List<String> args = new ArrayList<>();
    if (concierge.isPresent()) {
      DiscoveredConcierge c = concierge.get();
      args.add("--enable-concierge");
      args.add("--concierge-api-group-suffix=" + request.concierge().apiGroupSuffix().value());
      args.add("--concierge-authenticator-name=" + c.authenticatorName());
      args.add("--concierge-authenticator-type=" + c.authenticatorType());
      args.add("--concierge-endpoint=" + c.endpoint());
      args.add("--concierge-ca-bundle-data=" + base64(c.caBundlePem()));
    }
    if (request.credentialCache() != null) {
      args.add("--credential-cache=" + request.credentialCache());
    }

    KubeconfigRequest.StaticToken token = request.staticToken();
    if (token.isSet()) {
      if (!token.token().isEmpty() && !token.tokenEnv().isEmpty()) {
        throw new GetKubeconfigException(
            "only one of --static-token and --static-token-env can be specified");
      }
      args.addAll(0, List.of("login", "static"));
      args.add(
          token.token().isEmpty() ? "--token-env=" + token.tokenEnv() : "--token=" + token.token());
      return args;
    }

    args.addAll(0, List.of("login", "oidc"));
    if (oidc.issuer().isEmpty()) {
      throw new GetKubeconfigException(
          "could not autodiscover --oidc-issuer and none was provided");
    }
    args.add("--issuer=" + oidc.issuer());
    args.add("--client-id=" + oidc.clientId());
    args.add("--scopes=" + String.join(",", oidc.scopes()));
    if (oidc.skipBrowser()) {
      args.add("--skip-browser");
    }
    if (oidc.skipListen()) {
      args.add("--skip-listen");
    }
    if (oidc.listenPort() != 0) {
      args.add("--listen-port=" + oidc.listenPort());
    }
    if (!oidc.caBundlePem().isEmpty()) {
      args.add("--ca-bundle-data=" + base64(oidc.caBundlePem()));
    }
    if (!oidc.sessionCache().isEmpty()) {
      args.add("--session-cache=" + oidc.sessionCache());
    }
    if (oidc.debugSessionCache()) {
      args.add("--debug-session-cache");
    }
    if (!oidc.requestAudience().isEmpty()) {
      if (oidc.requestAudience().contains(".pinniped.dev")) {
        throw new GetKubeconfigException(
            "request audience is not allowed to include the substring '.pinniped.dev': "
                + oidc.requestAudience());
      }
      args.add("--request-audience=" + oidc.requestAudience());
    }
    UpstreamChoice upstream = oidc.upstream();
    if (!upstream.name().isEmpty()) {
      args.add("--upstream-identity-provider-name=" + upstream.name());
    }
    if (!upstream.type().isEmpty()) {
      args.add("--upstream-identity-provider-type=" + upstream.type());
    }
    if (!upstream.flow().isEmpty()) {
      args.add("--upstream-identity-provider-flow=" + upstream.flow());
    }
    return args;
  }

  static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }
}

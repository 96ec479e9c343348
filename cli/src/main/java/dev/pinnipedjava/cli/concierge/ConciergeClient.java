package dev.pinnipedjava.cli.concierge;

import dev.pinnipedjava.cli.concierge.TokenCredentialRequest.Authenticator;
import dev.pinnipedjava.cli.concierge.TokenCredentialRequest.Credential;
import dev.pinnipedjava.cli.concierge.TokenCredentialRequest.Metadata;
import dev.pinnipedjava.cli.concierge.TokenCredentialRequest.Spec;
import dev.pinnipedjava.cli.concierge.TokenCredentialRequest.Status;
import dev.pinnipedjava.cli.diagnostics.DebugLog;
import dev.pinnipedjava.cli.execcredential.ExecCredentialStatus;
import dev.pinnipedjava.cli.http.HttpClientFactory;
import dev.pinnipedjava.cli.http.TlsProfile;
import dev.pinnipedjava.cli.http.TlsSettings;
import dev.pinnipedjava.cli.kubeclient.KubeApiClient;
import dev.pinnipedjava.cli.kubeclient.KubeApiException;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * Trades a token (a static token or an OIDC ID token) for a short-lived cluster credential by
 * creating a TokenCredentialRequest, anonymously, at the Concierge.
 */
public final class ConciergeClient {

  /** Pinniped gives the whole exchange 30 seconds. */
  public static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(30);

  private final ConciergeConfig config;
  private final HttpClientFactory httpClients;
  private final DebugLog debug;

  public ConciergeClient(ConciergeConfig config, HttpClientFactory httpClients, DebugLog debug) {
    this.config = config;
    this.httpClients = httpClients;
    this.debug = debug;
  }

  /**
   * Performs the exchange.
   *
   * @throws ConciergeLoginException "could not login: ..." when the call fails, "login failed: ..."
   *     when the Concierge refuses the token
   */
  public ExecCredentialStatus exchangeToken(String token) throws ConciergeLoginException {
    ApiGroupSuffix suffix = config.apiGroupSuffix();
    String loginGroup = suffix.group("login.concierge");
    TokenCredentialRequest request =
        new TokenCredentialRequest(
            "TokenCredentialRequest",
            loginGroup + "/v1alpha1",
            new Metadata(null),
            new Spec(
                token,
                new Authenticator(
                    suffix.group("authentication.concierge"),
                    config.authenticatorType().kind(),
                    config.authenticatorName())),
            null);
    TokenCredentialRequest response;
    try {
      TlsSettings tls = TlsSettings.of(TlsProfile.SECURE, config.trustRoots(), null);
      KubeApiClient api =
          new KubeApiClient(config.endpoint(), httpClients.create(tls), null, debug);
      response =
          api.create(
              "/apis/" + loginGroup + "/v1alpha1/tokencredentialrequests",
              request,
              TokenCredentialRequest.class,
              EXCHANGE_TIMEOUT);
    } catch (KubeApiException e) {
      throw new ConciergeLoginException("could not login: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new ConciergeLoginException("could not login: " + KubeApiClient.describe(e), e);
    }
    Status status = response.status();
    Credential credential = status == null ? null : status.credential();
    if (status != null && status.message() != null) {
      throw new ConciergeLoginException("login failed: " + status.message());
    }
    if (credential == null) {
      throw new ConciergeLoginException("login failed: unknown cause");
    }
    return new ExecCredentialStatus(
        credential.expirationTimestamp(),
        credential.token(),
        credential.clientCertificateData(),
        credential.clientKeyData());
  }
}

package dev.pinnipedjava.cli.login;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one OIDC login asks for.
 *
 * @param issuer the OIDC issuer (must be https)
 * @param scopes the scopes to request (sorted for the session cache key)
 * @param listenPort the loopback callback port; 0 picks a free one
 * @param skipBrowser print the login URL instead of opening a browser
 * @param skipListen no loopback listener: the code must be pasted
 * @param skipPrintLoginUrl do not print the URL when a browser opened it
 * @param requestAudience when set, an RFC 8693 exchange yields an ID token for this audience
 * @param upstreamProviderName the Supervisor's identity provider to use, when set
 * @param upstreamProviderType its type (oidc, ldap, activedirectory, github)
 * @param flow the flow; null lets the Supervisor's discovery or the browser flow decide
 * @param trustRoots the CAs to trust for the issuer; empty means the system's
 * @param interactive whether the user may be prompted (kubectl's {@code spec.interactive})
 */
public record LoginOptions(
    URI issuer,
    String clientId,
    List<String> scopes,
    int listenPort,
    boolean skipBrowser,
    boolean skipListen,
    boolean skipPrintLoginUrl,
    @Nullable String requestAudience,
    @Nullable String upstreamProviderName,
    String upstreamProviderType,
    @Nullable LoginFlow flow,
    List<X509Certificate> trustRoots,
    boolean interactive) {

  public LoginOptions {
    scopes = scopes.stream().sorted().toList();
    trustRoots = List.copyOf(trustRoots);
  }
}

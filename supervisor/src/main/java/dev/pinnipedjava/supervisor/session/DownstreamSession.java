package dev.pinnipedjava.supervisor.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The identity a login established, as the Supervisor puts it in the tokens it issues, and what it
 * needs to refresh it (Pinniped's {@code psession.CustomSessionData} plus the fosite session).
 *
 * @param subject the downstream {@code sub}: {@code <upstream issuer>?idpName=<name>&sub=<sub>}
 * @param username the downstream username (the {@code username} claim)
 * @param groups the downstream groups (the {@code groups} claim)
 * @param additionalClaims claims mapped from upstream claims (the {@code additionalClaims} claim)
 * @param providerName the identity provider's display name in the FederationDomain
 * @param providerResourceName the name of the identity provider resource
 * @param providerUid the UID of that resource: a refresh fails once it changed
 * @param providerType the identity provider type, as identity provider discovery names it
 * @param authTime when the user authenticated upstream
 * @param upstream what the provider needs to revalidate the login
 * @param warnings warnings to send with the tokens, as {@code Warning} headers
 */
public record DownstreamSession(
    String subject,
    String username,
    List<String> groups,
    Map<String, Object> additionalClaims,
    String providerName,
    String providerResourceName,
    String providerUid,
    String providerType,
    Instant authTime,
    UpstreamSessionData upstream,
    List<String> warnings) {
  public DownstreamSession {
    groups = List.copyOf(groups);
    additionalClaims = Map.copyOf(additionalClaims);
    warnings = List.copyOf(warnings);
  }

  /** This session after an upstream refresh. */
  public DownstreamSession refreshed(
      List<String> newGroups, Map<String, Object> newAdditionalClaims, UpstreamSessionData data) {
    return new DownstreamSession(
        subject,
        username,
        newGroups,
        newAdditionalClaims,
        providerName,
        providerResourceName,
        providerUid,
        providerType,
        authTime,
        data,
        List.of());
  }

  @Override
  public String toString() {
    // Usernames and groups are personal information; the upstream part holds credentials.
    return "DownstreamSession[provider=" + providerName + ", upstream=" + upstream + "]";
  }
}

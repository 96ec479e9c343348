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
 * @param upstreamUsername the username as the provider asserted it, before the FederationDomain's
 *     identity transformations: what a refresh revalidates
 * @param upstreamGroups the groups as the provider asserted them, before the transformations
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
    List<String> warnings,
    String upstreamUsername,
    List<String> upstreamGroups) {
  public DownstreamSession {
    groups = List.copyOf(groups);
    additionalClaims = Map.copyOf(additionalClaims);
    warnings = List.copyOf(warnings);
    upstreamGroups = List.copyOf(upstreamGroups);
  }

  /** A session whose identity the FederationDomain did not transform. */
  public DownstreamSession(
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
    this(
        subject,
        username,
        groups,
        additionalClaims,
        providerName,
        providerResourceName,
        providerUid,
        providerType,
        authTime,
        upstream,
        warnings,
        username,
        groups);
  }

  /** This session after an upstream refresh that left the identity untransformed. */
  public DownstreamSession refreshed(
      List<String> newGroups, Map<String, Object> newAdditionalClaims, UpstreamSessionData data) {
    return refreshed(username, newGroups, newGroups, newAdditionalClaims, data);
  }

  /**
   * This session after an upstream refresh.
   *
   * @param newUpstreamUsername the username the provider asserts now (before transformations)
   * @param newUpstreamGroups the groups the provider asserts now (before transformations)
   * @param newGroups the groups after transformations
   */
  public DownstreamSession refreshed(
      String newUpstreamUsername,
      List<String> newUpstreamGroups,
      List<String> newGroups,
      Map<String, Object> newAdditionalClaims,
      UpstreamSessionData data) {
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
        List.of(),
        newUpstreamUsername,
        newUpstreamGroups);
  }

  @Override
  public String toString() {
    // Usernames and groups are personal information; the upstream part holds credentials.
    return "DownstreamSession[provider=" + providerName + ", upstream=" + upstream + "]";
  }
}

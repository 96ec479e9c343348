package dev.pinnipedjava.supervisor.config;

/**
 * The {@code audit} section of the config file.
 *
 * @param logUsernamesAndGroups whether audit events show usernames and groups (redacted otherwise)
 * @param logInternalPaths whether requests to {@code /healthz} are audited too
 */
public record AuditSettings(boolean logUsernamesAndGroups, boolean logInternalPaths) {
  /** Pinniped's defaults: both disabled. */
  public static final AuditSettings DEFAULT = new AuditSettings(false, false);
}

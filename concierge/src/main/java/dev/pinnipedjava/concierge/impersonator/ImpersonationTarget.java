package dev.pinnipedjava.concierge.impersonator;

/**
 * One thing a caller asks to impersonate, as the {@code impersonate} verb's resource attributes.
 *
 * @param group {@code ""} or {@code authentication.k8s.io}
 * @param resource users, groups, serviceaccounts, uids or userextras
 * @param subresource the extra key for userextras, else empty
 * @param namespace the service account's namespace, else empty
 * @param name the user, group, service account, UID or extra value
 */
record ImpersonationTarget(
    String group, String resource, String subresource, String namespace, String name) {}

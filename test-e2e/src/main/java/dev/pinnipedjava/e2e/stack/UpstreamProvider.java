package dev.pinnipedjava.e2e.stack;

/**
 * An OIDCIdentityProvider backed by the stack's Dex through a Dex client of its own.
 *
 * @param name the OIDCIdentityProvider's name, also its display name in FederationDomains
 * @param allowPasswordGrant whether the {@code cli_password} flow is offered
 */
public record UpstreamProvider(String name, boolean allowPasswordGrant) {}

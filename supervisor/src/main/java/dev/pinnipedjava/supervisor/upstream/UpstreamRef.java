package dev.pinnipedjava.supervisor.upstream;

import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;

/** The resource an upstream identity provider was configured by. */
public record UpstreamRef(IdentityProviderKind kind, String name, String uid) {}

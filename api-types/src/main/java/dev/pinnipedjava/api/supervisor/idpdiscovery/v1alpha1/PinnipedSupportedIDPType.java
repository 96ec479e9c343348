package dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1;

/** One type of identity provider the Supervisor supports. */
public record PinnipedSupportedIDPType(IDPType type) {}

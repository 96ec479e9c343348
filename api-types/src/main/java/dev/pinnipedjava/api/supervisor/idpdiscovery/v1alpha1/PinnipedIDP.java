package dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One identity provider of a FederationDomain.
 *
 * @param name its display name in the FederationDomain
 * @param type its type
 * @param flows the login flows it supports, in the order of preference
 */
public record PinnipedIDP(
    String name,
    IDPType type,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable List<IDPFlow> flows) {}

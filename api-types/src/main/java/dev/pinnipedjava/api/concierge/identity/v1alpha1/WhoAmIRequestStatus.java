package dev.pinnipedjava.api.concierge.identity.v1alpha1;

/** The server's answer to a WhoAmIRequest. */
public record WhoAmIRequestStatus(KubernetesUserInfo kubernetesUserInfo) {}

package dev.pinnipedjava.concierge.impersonator;

import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;

/** Who called the proxy, as its credentials tell. */
sealed interface ProxyCaller {
  /** A client certificate or bearer token named this user. */
  record Authenticated(KubernetesUser user) implements ProxyCaller {}

  /** No credential at all. */
  record Anonymous() implements ProxyCaller {}

  /** A credential that did not authenticate; the reason is for the log, never for the caller. */
  record Rejected(String reason) implements ProxyCaller {}
}

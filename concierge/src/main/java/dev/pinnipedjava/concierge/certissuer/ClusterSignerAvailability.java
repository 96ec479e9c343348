package dev.pinnipedjava.concierge.certissuer;

import java.util.Optional;

/**
 * Whether the cluster's own signing CA is loaded, as the {@code KubeClusterSigningCertificate}
 * strategy reports it: fixed when the CA comes from files, changing while the kube-cert-agent
 * fetches it.
 */
public interface ClusterSignerAvailability {
  /** Why the CA is not usable, Pinniped's message; empty when it is. */
  Optional<String> problem();

  /** Calls {@code listener} after every change of {@link #problem()}. */
  void onChange(Runnable listener);

  /** An availability that never changes. */
  static ClusterSignerAvailability fixed(Optional<String> problem) {
    return new ClusterSignerAvailability() {
      @Override
      public Optional<String> problem() {
        return problem;
      }

      @Override
      public void onChange(Runnable listener) {
        // Never changes.
      }
    };
  }
}

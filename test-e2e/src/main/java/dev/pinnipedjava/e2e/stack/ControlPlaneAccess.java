package dev.pinnipedjava.e2e.stack;

import dev.pinnipedjava.testkit.controlplane.ControlPlaneLayout;
import dev.pinnipedjava.testkit.controlplane.PkiFile;
import java.net.URI;
import java.nio.file.Path;

/**
 * What the stack needs of a running control plane: the admin kubeconfig, the API server's URL and
 * the CA of its serving certificate (published in {@code kube-public/cluster-info}), the client CA
 * (the Concierge signs TokenCredentialRequest certificates with it) and kubectl.
 */
public record ControlPlaneAccess(
    Path adminKubeconfig,
    URI apiServerUrl,
    Path servingCaCertificate,
    Path clientCaCertificate,
    Path clientCaKey,
    Path kubectl) {

  /** The files of a control plane laid out by the test kit (test run or local state directory). */
  public static ControlPlaneAccess of(ControlPlaneLayout layout, URI apiServerUrl, Path kubectl) {
    return new ControlPlaneAccess(
        layout.adminKubeconfig(),
        apiServerUrl,
        layout.pki(PkiFile.SERVING_CA),
        layout.pki(PkiFile.CLIENT_CA),
        layout.pki(PkiFile.CLIENT_CA_KEY),
        kubectl);
  }
}

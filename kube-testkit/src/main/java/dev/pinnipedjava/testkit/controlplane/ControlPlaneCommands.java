package dev.pinnipedjava.testkit.controlplane;

import java.util.List;

/** The command lines of etcd and kube-apiserver for one layout and set of ports. */
public final class ControlPlaneCommands {
  public static final String SERVICE_CLUSTER_IP_RANGE = "10.0.0.0/24";
  public static final String SERVICE_ACCOUNT_ISSUER =
      "https://kubernetes.default.svc.cluster.local";

  private ControlPlaneCommands() {}

  /** A single-member etcd on loopback that skips fsync: test data need not survive a crash. */
  public static List<String> etcd(
      ControlPlaneBinaries binaries, ControlPlaneLayout layout, ControlPlanePorts ports) {
    String client = ports.etcdClientUrl().toString();
    String peer = ports.etcdPeerUrl().toString();
    return List.of(
        binaries.etcd().toString(),
        "--name=default",
        "--data-dir=" + layout.etcdData(),
        "--listen-client-urls=" + client,
        "--advertise-client-urls=" + client,
        "--listen-peer-urls=" + peer,
        "--initial-advertise-peer-urls=" + peer,
        "--initial-cluster=default=" + peer,
        "--initial-cluster-state=new",
        "--unsafe-no-fsync=true",
        "--quota-backend-bytes=" + (512L * 1024 * 1024),
        "--log-level=warn");
  }

  /**
   * A kube-apiserver that authenticates client certificates of the client CA, the static token
   * file, front-proxy request headers and anonymous requests, authorizes with RBAC and routes
   * aggregated APIs to endpoint addresses (there is no kube-proxy).
   */
  public static List<String> kubeApiserver(
      ControlPlaneBinaries binaries, ControlPlaneLayout layout, ControlPlanePorts ports) {
    return List.of(
        binaries.kubeApiserver().toString(),
        "--bind-address=" + ControlPlanePorts.LOOPBACK,
        "--advertise-address=" + ControlPlanePorts.LOOPBACK,
        "--secure-port=" + ports.apiServer(),
        "--etcd-servers=" + ports.etcdClientUrl(),
        "--cert-dir=" + layout.pki(),
        "--tls-cert-file=" + layout.pki(PkiFile.API_SERVER_CERT),
        "--tls-private-key-file=" + layout.pki(PkiFile.API_SERVER_KEY),
        "--client-ca-file=" + layout.pki(PkiFile.CLIENT_CA),
        "--token-auth-file=" + layout.pki(PkiFile.STATIC_TOKENS),
        "--anonymous-auth=true",
        "--authorization-mode=RBAC",
        "--service-account-issuer=" + SERVICE_ACCOUNT_ISSUER,
        "--service-account-key-file=" + layout.pki(PkiFile.SERVICE_ACCOUNT_PUBLIC_KEY),
        "--service-account-signing-key-file=" + layout.pki(PkiFile.SERVICE_ACCOUNT_KEY),
        "--service-cluster-ip-range=" + SERVICE_CLUSTER_IP_RANGE,
        "--allow-privileged=true",
        // No controller manager creates the default ServiceAccount, so pods could never be
        // admitted.
        "--disable-admission-plugins=ServiceAccount",
        "--requestheader-client-ca-file=" + layout.pki(PkiFile.FRONT_PROXY_CA),
        "--requestheader-allowed-names=" + ControlPlaneCredentials.FRONT_PROXY_CLIENT,
        "--requestheader-username-headers=X-Remote-User",
        "--requestheader-group-headers=X-Remote-Group",
        "--requestheader-extra-headers-prefix=X-Remote-Extra-",
        "--proxy-client-cert-file=" + layout.pki(PkiFile.FRONT_PROXY_CLIENT_CERT),
        "--proxy-client-key-file=" + layout.pki(PkiFile.FRONT_PROXY_CLIENT_KEY),
        // Aggregated APIs run off-cluster on 127.0.0.1, but Endpoints and EndpointSlices refuse
        // loopback addresses. So APIServices point at ExternalName Services, which only the
        // non-routing resolver follows (the routing one rejects the ExternalName type).
        "--enable-aggregator-routing=false",
        "--v=0");
  }
}

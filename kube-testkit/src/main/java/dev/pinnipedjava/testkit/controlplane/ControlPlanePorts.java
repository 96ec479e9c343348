package dev.pinnipedjava.testkit.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/** The loopback ports of one control plane. */
public record ControlPlanePorts(int etcdClient, int etcdPeer, int apiServer) {
  public static final String LOOPBACK = "127.0.0.1";

  /**
   * Three distinct ports the kernel reports free right now. Another process may still take one
   * before etcd or kube-apiserver binds it; {@link ControlPlane} retries with new ports then.
   */
  public static ControlPlanePorts allocate() {
    try (ServerSocket etcdClient = listen();
        ServerSocket etcdPeer = listen();
        ServerSocket apiServer = listen()) {
      return new ControlPlanePorts(
          etcdClient.getLocalPort(), etcdPeer.getLocalPort(), apiServer.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free loopback ports", e);
    }
  }

  private static ServerSocket listen() throws IOException {
    return new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
  }

  public URI etcdClientUrl() {
    return URI.create("http://" + LOOPBACK + ":" + etcdClient);
  }

  public URI etcdPeerUrl() {
    return URI.create("http://" + LOOPBACK + ":" + etcdPeer);
  }

  public URI apiServerUrl() {
    return URI.create("https://" + LOOPBACK + ":" + apiServer);
  }
}

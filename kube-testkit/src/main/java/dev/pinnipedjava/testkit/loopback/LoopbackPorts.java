package dev.pinnipedjava.testkit.loopback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Ports on 127.0.0.1, the only address the parts listen on. */
public final class LoopbackPorts {
  public static final String HOST = "127.0.0.1";

  /** What a process says when another one took its port between choosing and binding it. */
  public static final String PORT_TAKEN = "ddress already in use";

  private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

  private LoopbackPorts() {}

  public static InetAddress address() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("127.0.0.1 is not an address", e);
    }
  }

  /**
   * {@code count} distinct ports the kernel reports free right now. Another process may take one
   * before the part binds it; the parts start again with new ports when their log says {@value
   * #PORT_TAKEN}.
   */
  public static List<Integer> allocate(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, address());
        sockets.add(socket);
        ports.add(socket.getLocalPort());
      }
      return List.copyOf(ports);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free ports on " + HOST, e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          // Only probing: the port is free again either way.
        }
      }
    }
  }

  /** Whether anything accepts connections on 127.0.0.1:{@code port}. */
  public static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address(), port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (ConnectException | SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot probe " + HOST + ":" + port, e);
    }
  }
}

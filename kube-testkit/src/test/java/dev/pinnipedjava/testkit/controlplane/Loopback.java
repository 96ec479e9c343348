package dev.pinnipedjava.testkit.controlplane;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** Whether anything listens on a loopback URL's port. */
public final class Loopback {
  private Loopback() {}

  public static boolean listening(URI url) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 2_000);
      return true;
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      throw new IllegalStateException("cannot probe " + url + ": " + e, e);
    }
  }
}

package dev.pinnipedjava.aggregatedapi.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ListenersTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private HttpServer server(int port) {
    return vertx
        .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
        .requestHandler(request -> request.response().end());
  }

  @Test
  void listensOnThePortTheSystemPicksAndStopsListening() throws Exception {
    HttpServer server = server(0);

    int port = Listeners.listen(server, "test listener", "127.0.0.1", 0);

    assertThat(port).isPositive();
    try (Socket connected = new Socket(InetAddress.getLoopbackAddress(), port)) {
      assertThat(connected.isConnected()).isTrue();
    }
    Listeners.close(server, "test listener", "127.0.0.1", Duration.ofSeconds(10));

    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .isInstanceOf(ConnectException.class);
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aPortInUseIsAClearError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> Listeners.listen(server(port), "test listener", "127.0.0.1", port))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + ": ");
    }
  }
}

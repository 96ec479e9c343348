package dev.pinnipedjava.concierge.impersonator;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetSocket;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * Turns the caller's HTTP/1.1 connection into a raw socket once the kube-apiserver has switched
 * protocols. Vert.x 4 switches only {@code GET} upgrades ({@link HttpServerRequest#toNetSocket()}
 * refuses other methods), but Kubernetes' SPDY clients upgrade exec, attach and port-forward with
 * {@code POST}. For those, the switch Vert.x performs for {@code GET} is invoked on the response
 * directly; the request has already been checked to be an upgrade, so nothing else differs. When a
 * Vert.x version lacks that method, POST upgrades fail cleanly rather than hang.
 */
final class ConnectionSwitch {
  private static final @Nullable Method SWITCH = switchMethod();

  private ConnectionSwitch() {}

  /** The caller's connection as a raw socket, after a 101 with the response's headers. */
  static Future<NetSocket> toNetSocket(HttpServerRequest request) {
    if (request.method().equals(HttpMethod.GET) || SWITCH == null) {
      return request.toNetSocket();
    }
    // Vert.x reads a POST's (empty) body as HTTP; it must be consumed before the switch, or its
    // end would end the raw socket too.
    request.resume();
    return request.end().compose(ignored -> switchPostUpgrade(request));
  }

  private static Future<NetSocket> switchPostUpgrade(HttpServerRequest request) {
    Method method = SWITCH;
    if (method == null) {
      return Future.failedFuture("this Vert.x version cannot switch POST upgrades");
    }
    HttpServerResponse response = request.response();
    try {
      @SuppressWarnings("unchecked")
      Future<NetSocket> socket =
          (Future<NetSocket>) method.invoke(response, HttpMethod.GET, request.headers());
      return socket;
    } catch (IllegalAccessException | InvocationTargetException | ClassCastException e) {
      return Future.failedFuture(e);
    }
  }

  private static @Nullable Method switchMethod() {
    try {
      Method method =
          Class.forName("io.vertx.core.http.impl.Http1xServerResponse")
              .getDeclaredMethod("netSocket", HttpMethod.class, MultiMap.class);
      method.setAccessible(true);
      return method;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}

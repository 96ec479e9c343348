package dev.pinnipedjava.concierge.impersonator;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Forwards upgrade requests (exec, attach, port-forward) to the kube-apiserver over HTTP/1.1 and,
 * once it switches protocols, pipes bytes both ways between the caller and the kube-apiserver
 * without looking at them, so SPDY and WebSocket streams of any subprotocol pass unchanged.
 * Kubernetes' SPDY clients upgrade with POST, which Vert.x's HTTP client cannot switch; Netty's
 * HTTP codec can, so upgrades use it directly. A refusal (any status but 101) is relayed as an
 * ordinary response.
 *
 * <p>Netty reports failed writes and closes through the pipeline (exceptionCaught,
 * channelInactive), which end the stream; the futures of those calls carry nothing more, so they
 * are not kept.
 */
@SuppressWarnings("FutureReturnValueIgnored")
final class UpgradeForwarder implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(UpgradeForwarder.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final URI server;
  private final UpstreamTls tls;
  private final UpstreamCredentials credentials;
  private final EventLoopGroup group =
      new NioEventLoopGroup(1, new DefaultThreadFactory("impersonation-proxy-upgrades", true));

  UpgradeForwarder(URI server, UpstreamTls tls, UpstreamCredentials credentials) {
    this.server = server;
    this.tls = tls;
    this.credentials = credentials;
  }

  /**
   * Sends the request upstream and answers the caller.
   *
   * @param context the caller's Vert.x context, where its request is touched
   * @param uri path and query as the kube-apiserver expects them
   * @param headers the headers to send, {@code Connection} and {@code Upgrade} included
   * @param failed called when the kube-apiserver cannot be reached
   */
  void forward(
      Context context,
      HttpServerRequest request,
      String uri,
      List<Map.Entry<String, String>> headers,
      Consumer<Throwable> failed) {
    String host = host();
    int port = server.getPort() < 0 ? 443 : server.getPort();
    FullHttpRequest upstreamRequest =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.valueOf(request.method().name()),
            uri,
            Unpooled.EMPTY_BUFFER);
    headers.forEach(header -> upstreamRequest.headers().add(header.getKey(), header.getValue()));
    upstreamRequest.headers().set("Host", server.getPort() < 0 ? host : host + ":" + port);
    if (credentials instanceof UpstreamCredentials.BearerToken token) {
      upstreamRequest.headers().set("Authorization", "Bearer " + token.token().get());
    }
    new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel channel) {
                channel
                    .pipeline()
                    .addLast("tls", new SslHandler(tls.engine(host, port)))
                    .addLast("http", new HttpClientCodec())
                    .addLast("answer", new AnswerHandler(context, request));
              }
            })
        .connect(host, port)
        .addListener(
            (ChannelFutureListener)
                connected -> {
                  if (connected.isSuccess()) {
                    connected.channel().writeAndFlush(upstreamRequest);
                  } else {
                    upstreamRequest.release();
                    context.runOnContext(ignored -> failed.accept(connected.cause()));
                  }
                });
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }

  private String host() {
    String host = server.getHost();
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /** Reads the kube-apiserver's answer: a switch to raw bytes, or a response to relay. */
  private static final class AnswerHandler extends ChannelInboundHandlerAdapter {
    private final Context context;
    private final HttpServerRequest request;

    AnswerHandler(Context context, HttpServerRequest request) {
      this.context = context;
      this.request = request;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      if (message instanceof HttpResponse response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response
            .headers()
            .forEach(header -> headers.add(Map.entry(header.getKey(), header.getValue())));
        int status = response.status().code();
        if (status == 101) {
          switchProtocols(ctx, headers);
        } else {
          context.runOnContext(ignored -> startRelay(status, headers));
        }
      }
      if (message instanceof HttpContent content) {
        Buffer chunk = Buffer.buffer(ByteBufUtil.getBytes(content.content()));
        boolean last = content instanceof LastHttpContent;
        context.runOnContext(
            ignored -> {
              HttpServerResponse response = request.response();
              if (response.ended()) {
                return;
              }
              if (chunk.length() > 0) {
                response.write(chunk);
              }
              if (last) {
                response.end();
              }
            });
        if (last) {
          ctx.close();
        }
      }
      ReferenceCountUtil.release(message);
    }

    private void startRelay(int status, List<Map.Entry<String, String>> headers) {
      HttpServerResponse response = request.response();
      response.setStatusCode(status);
      for (Map.Entry<String, String> header : ForwardedHeaders.response(headers, false)) {
        response.headers().add(header.getKey(), header.getValue());
      }
      if (response.headers().get("Content-Length") == null) {
        response.setChunked(true);
      }
    }

    /** Hands the connection over to a byte pipe once the caller's side has switched too. */
    private void switchProtocols(
        ChannelHandlerContext ctx, List<Map.Entry<String, String>> headers) {
      Channel channel = ctx.channel();
      channel.config().setAutoRead(false);
      // From here on the kube-apiserver speaks SPDY or WebSocket: the codec passes bytes through.
      ((HttpClientCodec) ctx.pipeline().get("http")).prepareUpgradeFrom(ctx);
      BytePipe pipe = new BytePipe();
      ctx.pipeline().replace(this, "pipe", pipe);
      context.runOnContext(
          ignored -> {
            HttpServerResponse response = request.response();
            for (Map.Entry<String, String> header : ForwardedHeaders.response(headers, true)) {
              response.headers().add(header.getKey(), header.getValue());
            }
            ConnectionSwitch.toNetSocket(request)
                .onComplete(
                    switched -> {
                      if (switched.failed()) {
                        LOG.debugf("cannot switch protocols with the caller: %s", switched.cause());
                        channel.close();
                        return;
                      }
                      NetSocket socket = switched.result();
                      // The caller speaks as soon as it sees the 101; hold its bytes until the
                      // pipe has a handler for them.
                      socket.pause();
                      channel.eventLoop().execute(() -> pipe.connect(channel, socket));
                    });
          });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      context.runOnContext(
          ignored -> {
            HttpServerResponse response = request.response();
            if (!response.ended() && !response.closed() && response.headWritten()) {
              response.reset();
            }
          });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debugf("upgrade request to the kube-apiserver failed: %s", cause);
      ctx.close();
    }
  }

  /**
   * Copies bytes between the kube-apiserver connection and the caller's socket, with back pressure
   * both ways; either side closing closes the other. Confined to the channel's event loop; bytes
   * that arrive before the caller's side has switched wait.
   */
  private static final class BytePipe extends ChannelInboundHandlerAdapter {
    private @Nullable NetSocket caller;
    private final List<byte[]> pending = new ArrayList<>();

    void connect(Channel channel, NetSocket socket) {
      this.caller = socket;
      pending.forEach(bytes -> socket.write(Buffer.buffer(bytes)));
      pending.clear();
      socket.handler(
          buffer -> {
            channel.writeAndFlush(Unpooled.wrappedBuffer(buffer.getBytes()));
            if (!channel.isWritable()) {
              socket.pause();
            }
          });
      // Bytes already written are flushed before the close.
      socket.closeHandler(
          ignored ->
              channel
                  .writeAndFlush(Unpooled.EMPTY_BUFFER)
                  .addListener(ChannelFutureListener.CLOSE));
      socket.endHandler(
          ignored ->
              channel
                  .writeAndFlush(Unpooled.EMPTY_BUFFER)
                  .addListener(ChannelFutureListener.CLOSE));
      socket.resume();
      channel.config().setAutoRead(true);
      channel.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      try {
        // The codec may still hand over the (empty) end of the 101 response; only bytes count.
        if (!(message instanceof ByteBuf bytes) || !bytes.isReadable()) {
          return;
        }
        byte[] copy = ByteBufUtil.getBytes(bytes);
        NetSocket socket = caller;
        if (socket == null) {
          pending.add(copy);
          return;
        }
        socket.write(Buffer.buffer(copy));
        if (socket.writeQueueFull()) {
          Channel channel = ctx.channel();
          channel.config().setAutoRead(false);
          socket.drainHandler(
              ignored -> channel.eventLoop().execute(() -> channel.config().setAutoRead(true)));
        }
      } finally {
        ReferenceCountUtil.release(message);
      }
    }

    /**
     * The kube-apiserver ending its side (TLS close_notify, or a half-close) ends the stream: the
     * caller's socket is closed once the bytes before it are written.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof SslCloseCompletionEvent || event instanceof ChannelInputShutdownEvent) {
        ctx.close();
      }
      ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      NetSocket socket = caller;
      if (socket != null && ctx.channel().isWritable()) {
        socket.resume();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      NetSocket socket = caller;
      if (socket != null) {
        socket.close();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debugf("upgraded stream to the kube-apiserver failed: %s", cause);
      ctx.close();
    }
  }
}

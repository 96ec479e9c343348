package dev.pinnipedjava.concierge.fakekubelet;

import dev.pinnipedjava.concierge.clusterfixture.TestTlsServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * A kubelet's exec endpoint on loopback: it accepts the kube-apiserver's SPDY/3.1 upgrade, or a
 * WebSocket the kube-apiserver passes through (remote command protocol {@code v4.channel.k8s.io})
 * and answers each exec as the test decides: like {@code cat} (what arrives on stdin is copied to
 * stdout, and the exec ends successfully when stdin ends), with a fixed output, or with a failure.
 * The kube-apiserver reaches it as the kubelet of a Node whose address is 127.0.0.1.
 */
public final class FakeKubelet implements AutoCloseable {
  private static final String PROTOCOL = "v4.channel.k8s.io";

  /** How the kubelet answers one exec. */
  public sealed interface ExecAnswer {
    /** Copies stdin to stdout until stdin ends. */
    record Cat() implements ExecAnswer {}

    /** Writes {@code stdout} and exits with status 0. */
    record Output(String stdout) implements ExecAnswer {}

    /** Writes {@code stderr} and exits with status {@code exitCode}. */
    record Failure(int exitCode, String stderr) implements ExecAnswer {}
  }

  private final EventLoopGroup group = new NioEventLoopGroup(1);
  private final Channel server;
  private final List<String> upgradeRequests = new CopyOnWriteArrayList<>();
  private final Function<String, ExecAnswer> answers;

  private FakeKubelet(SSLContext tls, Function<String, ExecAnswer> answers)
      throws InterruptedException {
    this.answers = answers;
    this.server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    SSLEngine engine = tls.createSSLEngine();
                    engine.setUseClientMode(false);
                    channel.pipeline().addLast(new SslHandler(engine), new UpgradeHandler());
                  }
                })
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .sync()
            .channel();
  }

  /** Starts a kubelet that answers every exec like {@code cat}. */
  public static FakeKubelet start() {
    return start(requestLine -> new ExecAnswer.Cat());
  }

  /**
   * Starts a kubelet with a self-signed serving certificate on a free loopback port.
   *
   * @param answers how to answer an exec, given its request line (for example {@code POST
   *     /exec/ns/pod/container?command=cat&input=1&output=1})
   */
  public static FakeKubelet start(Function<String, ExecAnswer> answers) {
    try {
      return new FakeKubelet(TestTlsServer.create("fake kubelet").context(), answers);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the fake kubelet", e);
    }
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** The request lines of the upgrades received, for example {@code POST /exec/ns/pod/c?...}. */
  public List<String> upgradeRequests() {
    return List.copyOf(upgradeRequests);
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  /**
   * Reads the HTTP upgrade request, answers 101 and switches the connection to SPDY. Write failures
   * break the connection, which the exec under test reports; their futures need no check.
   */
  @SuppressWarnings("FutureReturnValueIgnored")
  private final class UpgradeHandler extends ChannelInboundHandlerAdapter {
    private final ByteBuf head = Unpooled.buffer();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      ByteBuf bytes = (ByteBuf) message;
      head.writeBytes(bytes);
      bytes.release();
      String text = head.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        return;
      }
      String[] lines = text.substring(0, end).split("\r\n");
      upgradeRequests.add(lines[0]);
      boolean offersV4 = false;
      String webSocketKey = null;
      for (String line : lines) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("x-stream-protocol-version:") && lower.contains(PROTOCOL)) {
          offersV4 = true;
        }
        if (lower.startsWith("sec-websocket-key:")) {
          webSocketKey = line.substring(line.indexOf(':') + 1).trim();
        }
      }
      if (webSocketKey != null) {
        // A WebSocket client the kube-apiserver passes through (protocol v4.channel.k8s.io).
        head.release();
        ctx.writeAndFlush(
            Unpooled.copiedBuffer(
                "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                    + "Sec-WebSocket-Accept: "
                    + webSocketAccept(webSocketKey)
                    + "\r\nSec-WebSocket-Protocol: "
                    + PROTOCOL
                    + "\r\n\r\n",
                StandardCharsets.ISO_8859_1));
        ctx.pipeline()
            .addAfter(ctx.name(), "ws-decoder", new WebSocket13FrameDecoder(true, false, 65536))
            .addAfter("ws-decoder", "ws-encoder", new WebSocket13FrameEncoder(false))
            .addAfter("ws-encoder", "exec", new WebSocketSession(answers.apply(lines[0])));
        ctx.pipeline().remove(this);
        return;
      }
      if (!offersV4) {
        ctx.writeAndFlush(
                Unpooled.copiedBuffer(
                    "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n",
                    StandardCharsets.ISO_8859_1))
            .addListener(future -> ctx.close());
        return;
      }
      ctx.writeAndFlush(
          Unpooled.copiedBuffer(
              "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
                  + "X-Stream-Protocol-Version: "
                  + PROTOCOL
                  + "\r\n\r\n",
              StandardCharsets.ISO_8859_1));
      ByteBuf rest = head.retainedSlice(end + 4, head.readableBytes() - end - 4);
      head.release();
      ctx.pipeline()
          .addAfter(ctx.name(), "spdy", new SpdyFrameCodec(SpdyVersion.SPDY_3_1))
          .addAfter("spdy", "exec", session(lines[0]));
      if (rest.isReadable()) {
        ctx.fireChannelRead(rest);
      } else {
        rest.release();
      }
      ctx.pipeline().remove(this);
    }
  }

  /** RFC 6455's answer to a handshake key. */
  private static String webSocketAccept(String key) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-1")
                  .digest(
                      (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                          .getBytes(StandardCharsets.ISO_8859_1)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
  }

  /**
   * One exec over a WebSocket (protocol {@code v4.channel.k8s.io}): each binary message starts with
   * its channel, 0 stdin, 1 stdout, 2 stderr, 3 the exit status. A fixed answer is written at once;
   * {@code cat} echoes stdin until the caller closes.
   */
  @SuppressWarnings("FutureReturnValueIgnored")
  private static final class WebSocketSession extends ChannelInboundHandlerAdapter {
    private final ExecAnswer answer;

    WebSocketSession(ExecAnswer answer) {
      this.answer = answer;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      if (answer instanceof ExecAnswer.Output output) {
        finish(ctx, output.stdout(), "", SUCCESS);
      } else if (answer instanceof ExecAnswer.Failure failure) {
        finish(ctx, "", failure.stderr(), exitStatus(failure.exitCode()));
      }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      try {
        if (message instanceof BinaryWebSocketFrame frame
            && answer instanceof ExecAnswer.Cat
            && frame.content().readableBytes() > 1
            && frame.content().getByte(0) == 0) {
          ByteBuf out = Unpooled.buffer();
          out.writeByte(1).writeBytes(frame.content(), 1, frame.content().readableBytes() - 1);
          ctx.writeAndFlush(new BinaryWebSocketFrame(out));
        } else if (message instanceof CloseWebSocketFrame) {
          ctx.writeAndFlush(new CloseWebSocketFrame()).addListener(future -> ctx.close());
        }
      } finally {
        ReferenceCountUtil.release(message);
      }
    }

    private static void finish(
        ChannelHandlerContext ctx, String stdout, String stderr, String status) {
      for (int channel = 1; channel <= 3; channel++) {
        String text = channel == 1 ? stdout : channel == 2 ? stderr : status;
        if (!text.isEmpty()) {
          ByteBuf out = Unpooled.buffer();
          out.writeByte(channel).writeBytes(text.getBytes(StandardCharsets.UTF_8));
          ctx.write(new BinaryWebSocketFrame(out));
        }
      }
      ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(future -> ctx.close());
    }
  }

  private ChannelInboundHandlerAdapter session(String requestLine) {
    ExecAnswer answer = answers.apply(requestLine);
    if (answer instanceof ExecAnswer.Output output) {
      return new AnswerSession(expectedStreams(requestLine), output.stdout(), "", SUCCESS);
    }
    if (answer instanceof ExecAnswer.Failure failure) {
      return new AnswerSession(
          expectedStreams(requestLine), "", failure.stderr(), exitStatus(failure.exitCode()));
    }
    return new CatSession();
  }

  private static final String SUCCESS = "{\"metadata\":{},\"status\":\"Success\"}";

  /** The kubelet's status for a command that exited with {@code code}. */
  private static String exitStatus(int code) {
    return "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with"
        + " non-zero exit code: exit status "
        + code
        + "\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\","
        + "\"message\":\""
        + code
        + "\"}]}}";
  }

  /** The streams the caller opens, from the exec's query: error always, the others on request. */
  private static Set<String> expectedStreams(String requestLine) {
    Set<String> streams = new HashSet<>(Set.of("error"));
    String query =
        requestLine.contains("?") ? requestLine.substring(requestLine.indexOf('?') + 1) : "";
    query = query.contains(" ") ? query.substring(0, query.indexOf(' ')) : query;
    for (String parameter : query.split("&")) {
      switch (parameter) {
        case "input=1", "stdin=true", "input=true" -> streams.add("stdin");
        case "output=1", "stdout=true", "output=true" -> streams.add("stdout");
        case "error=1", "stderr=true", "error=true" -> streams.add("stderr");
        case "tty=1", "tty=true" -> streams.add("resize");
        default -> {
          // Other parameters (command, container) choose nothing here.
        }
      }
    }
    return streams;
  }

  /**
   * One exec with a fixed answer: once the caller opened every stream it asked for, writes stdout
   * and stderr, then the exit status on the error stream, and ends every stream.
   */
  @SuppressWarnings("FutureReturnValueIgnored")
  private static final class AnswerSession extends ChannelInboundHandlerAdapter {
    private final Set<String> expected;
    private final String stdout;
    private final String stderr;
    private final String status;
    private final Map<String, Integer> streams = new HashMap<>();
    private boolean answered;

    AnswerSession(Set<String> expected, String stdout, String stderr, String status) {
      this.expected = expected;
      this.stdout = stdout;
      this.stderr = stderr;
      this.status = status;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      try {
        if (message instanceof SpdySynStreamFrame open) {
          String type = open.headers().getAsString("streamtype");
          streams.put(type == null ? "" : type, open.streamId());
          DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(open.streamId());
          reply.headers().set("streamtype", type == null ? "" : type);
          ctx.writeAndFlush(reply);
          if (!answered && streams.keySet().containsAll(expected)) {
            answered = true;
            answer(ctx);
          }
        } else if (message instanceof SpdyPingFrame ping) {
          ctx.writeAndFlush(new DefaultSpdyPingFrame(ping.id()));
        }
      } finally {
        ReferenceCountUtil.release(message);
      }
    }

    private void answer(ChannelHandlerContext ctx) {
      write(ctx, "stdout", stdout);
      write(ctx, "stderr", stderr);
      write(ctx, "error", status);
      for (String type : List.of("stdout", "stderr", "error")) {
        Integer id = streams.get(type);
        if (id != null) {
          DefaultSpdyDataFrame last = new DefaultSpdyDataFrame(id);
          last.setLast(true);
          ctx.writeAndFlush(last);
        }
      }
    }

    private void write(ChannelHandlerContext ctx, String type, String text) {
      Integer id = streams.get(type);
      if (id != null && !text.isEmpty()) {
        ctx.writeAndFlush(
            new DefaultSpdyDataFrame(id, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
      }
    }
  }

  /**
   * One exec of {@code cat}: stdin is copied to stdout; the end of stdin ends the exec. Write
   * failures break the connection, which the exec under test reports.
   */
  @SuppressWarnings("FutureReturnValueIgnored")
  private static final class CatSession extends ChannelInboundHandlerAdapter {
    private final Map<String, Integer> streams = new HashMap<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      try {
        if (message instanceof SpdySynStreamFrame open) {
          String type = open.headers().getAsString("streamtype");
          streams.put(type == null ? "" : type, open.streamId());
          // Netty encodes an empty header block as no bytes at all, which Go's SPDY framer (the
          // kube-apiserver's) cannot decompress; one header makes it a proper zlib block.
          DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(open.streamId());
          reply.headers().set("streamtype", type == null ? "" : type);
          ctx.writeAndFlush(reply);
        } else if (message instanceof SpdyPingFrame ping) {
          ctx.writeAndFlush(new DefaultSpdyPingFrame(ping.id()));
        } else if (message instanceof SpdyDataFrame data
            && Integer.valueOf(data.streamId()).equals(streams.get("stdin"))) {
          Integer stdout = streams.get("stdout");
          if (stdout != null && data.content().isReadable()) {
            ctx.writeAndFlush(new DefaultSpdyDataFrame(stdout, data.content().retain()));
          }
          if (data.isLast()) {
            finish(ctx);
          }
        }
      } finally {
        ReferenceCountUtil.release(message);
      }
    }

    /** Closes our side of every stream: stdout and stderr end, the error stream stays empty. */
    private void finish(ChannelHandlerContext ctx) {
      for (String type : List.of("stdout", "stderr", "error")) {
        Integer id = streams.get(type);
        if (id != null) {
          DefaultSpdyDataFrame last = new DefaultSpdyDataFrame(id);
          last.setLast(true);
          ctx.writeAndFlush(last);
        }
      }
    }
  }
}

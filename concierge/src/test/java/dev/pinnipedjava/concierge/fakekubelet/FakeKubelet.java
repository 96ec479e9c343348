package dev.pinnipedjava.concierge.fakekubelet;

import dev.pinnipedjava.pki.CertificateAuthority;
import dev.pinnipedjava.pki.IssuedCertificate;
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
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * A kubelet's exec endpoint on loopback, enough for {@code kubectl exec -i ... -- cat}: it accepts
 * the kube-apiserver's SPDY/3.1 upgrade (remote command protocol {@code v4.channel.k8s.io}), copies
 * whatever arrives on the stdin stream to the stdout stream, and ends the exec successfully when
 * stdin ends. The kube-apiserver reaches it as the kubelet of a Node whose address is 127.0.0.1.
 */
public final class FakeKubelet implements AutoCloseable {
  private static final String PROTOCOL = "v4.channel.k8s.io";

  private final EventLoopGroup group = new NioEventLoopGroup(1);
  private final Channel server;
  private final List<String> upgradeRequests = new CopyOnWriteArrayList<>();

  private FakeKubelet(SSLContext tls) throws InterruptedException {
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

  /** Starts a kubelet with a self-signed serving certificate on a free loopback port. */
  public static FakeKubelet start() {
    try {
      CertificateAuthority ca =
          CertificateAuthority.create(
              "fake kubelet", Duration.ofDays(1), Clock.systemUTC(), new SecureRandom());
      IssuedCertificate serving =
          ca.issueServingCertificate(
              "127.0.0.1",
              List.of("localhost"),
              List.of(InetAddress.getLoopbackAddress()),
              Duration.ofDays(1));
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry(
          "serving",
          serving.privateKey(),
          new char[0],
          serving.chain().toArray(X509Certificate[]::new));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore, new char[0]);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keys.getKeyManagers(), null, null);
      return new FakeKubelet(tls);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot start the fake kubelet", e);
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
      for (String line : lines) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("x-stream-protocol-version:") && lower.contains(PROTOCOL)) {
          offersV4 = true;
        }
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
          .addAfter("spdy", "exec", new CatSession());
      if (rest.isReadable()) {
        ctx.fireChannelRead(rest);
      } else {
        rest.release();
      }
      ctx.pipeline().remove(this);
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

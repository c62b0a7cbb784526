package io.rung.gateway.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * MQTT over WebSocket in front of a plain MQTT broker, built on Netty's WebSocket server (subprotocol {@code mqtt},
 * path {@code /mqtt}): each WebSocket client gets its own TCP connection to the broker, bytes pass unchanged.
 */
public final class WebSocketProxy implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup clients = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    public WebSocketProxy(int brokerPort) {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(
                                        new HttpServerCodec(),
                                        new HttpObjectAggregator(65536),
                                        new WebSocketServerProtocolHandler("/mqtt", "mqtt"),
                                        new NotFound(),
                                        new Relay(brokerPort));
                    }
                })
                .bind("127.0.0.1", 0)
                .syncUninterruptibly()
                .channel();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Any HTTP request the WebSocket handler did not take (another path) gets 404, as a real server answers. */
    private static final class NotFound extends SimpleChannelInboundHandler<FullHttpRequest> {
        NotFound() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            request.release();
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** WebSocket frames to the broker's socket and back. */
    private final class Relay extends SimpleChannelInboundHandler<BinaryWebSocketFrame> {
        private final int brokerPort;
        private volatile Channel broker;

        Relay(int brokerPort) {
            this.brokerPort = brokerPort;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                Channel ws = ctx.channel();
                ws.config().setAutoRead(false);
                new Bootstrap()
                        .group(clients)
                        .channel(NioSocketChannel.class)
                        .handler(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext c, Object msg) {
                                ws.writeAndFlush(new BinaryWebSocketFrame((ByteBuf) msg));
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext c) {
                                ws.close();
                            }
                        })
                        .connect("127.0.0.1", brokerPort)
                        .addListener((ChannelFuture f) -> {
                            if (!f.isSuccess()) {
                                ws.close();
                                return;
                            }
                            broker = f.channel();
                            ws.config().setAutoRead(true);
                        });
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, BinaryWebSocketFrame frame) {
            broker.writeAndFlush(frame.content().retain());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (broker != null) broker.close();
        }
    }
}

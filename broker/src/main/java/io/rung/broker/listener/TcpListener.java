package io.rung.broker.listener;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.rung.broker.BoundListener;
import io.rung.broker.BrokerException;
import io.rung.broker.handler.ListenerContext;
import io.rung.config.ListenerConfig;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds one plain MQTT listener: {@code bind} empty means all interfaces, dual-stack {@code ::} else 0.0.0.0. */
public final class TcpListener {
    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);

    private TcpListener() {}

    /** A bound listener and its server channel, for closing. */
    public record Bound(BoundListener listener, Channel channel) {}

    public static Bound bind(ListenerConfig config, EventLoopGroup boss, EventLoopGroup workers,
                             ListenerContext context, ChannelGroup clients) throws BrokerException {
        if (config.tls().isPresent()) {
            throw new BrokerException("listener on port " + config.port() + ": TLS listeners are not supported yet");
        }
        if (config.websocket().isPresent()) {
            throw new BrokerException("listener on port " + config.port()
                    + ": WebSocket listeners are not supported yet");
        }
        MqttChannelInitializer init = new MqttChannelInitializer(context);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .childHandler(new io.netty.channel.ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        clients.add(ch);
                        init.initChannel(ch);
                    }
                });
        Channel channel;
        if (config.bind().isEmpty() || config.bind().get().isBlank()) {
            channel = bindAll(b, config.port());
        } else {
            InetAddress address;
            try {
                address = InetAddress.getByName(config.bind().get());
            } catch (UnknownHostException e) {
                throw new BrokerException("listener bind address '" + config.bind().get() + "' cannot be resolved");
            }
            channel = bindOrFail(b, new InetSocketAddress(address, config.port()), config.port());
        }
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        context.name("tcp:" + bound.getPort());
        return new Bound(new BoundListener(config, bound, url(bound)), channel);
    }

    private static Channel bindAll(ServerBootstrap b, int port) throws BrokerException {
        try {
            return bindOrFail(b, new InetSocketAddress(InetAddress.getByName("::"), port), port);
        } catch (BrokerException | UnknownHostException e) {
            if (e instanceof BrokerException be && be.getMessage().contains("already in use")) throw be;
            LOG.info("IPv6 is not available ({}); listening on 0.0.0.0:{} only", e.getMessage(), port);
            return bindOrFail(b, new InetSocketAddress("0.0.0.0", port), port);
        }
    }

    private static Channel bindOrFail(ServerBootstrap b, InetSocketAddress address, int port) throws BrokerException {
        ChannelFuture f = b.bind(address).awaitUninterruptibly();
        if (f.isSuccess()) return f.channel();
        Throwable cause = f.cause();
        if (cause instanceof BindException && String.valueOf(cause.getMessage()).toLowerCase().contains("in use")) {
            throw new BrokerException("port " + port + " is already in use");
        }
        throw new BrokerException("cannot listen on " + address.getAddress().getHostAddress() + " port " + port
                + ": " + cause.getMessage(), cause);
    }

    /** {@code mqtt://host:port}, IPv6 hosts in brackets. */
    static String url(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        String host = ip.getHostAddress();
        if (ip instanceof Inet6Address) {
            int pct = host.indexOf('%');
            if (pct >= 0) host = host.substring(0, pct);
            host = ip.isAnyLocalAddress() ? "::" : host;
            host = "[" + host + "]";
        }
        return "mqtt://" + host + ":" + a.getPort();
    }
}

package io.rung.broker.listener;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.rung.broker.BrokerException;
import io.rung.config.ListenerConfig;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds a server socket: {@code bind} empty means all interfaces, dual-stack {@code ::}, else 0.0.0.0. */
final class SocketBinder {
    private static final Logger LOG = LoggerFactory.getLogger(SocketBinder.class);

    private SocketBinder() {}

    static Channel bind(ServerBootstrap b, ListenerConfig config) throws BrokerException {
        if (config.bind().isEmpty() || config.bind().get().isBlank()) return bindAll(b, config.port());
        InetAddress address;
        try {
            address = InetAddress.getByName(config.bind().get());
        } catch (UnknownHostException e) {
            throw new BrokerException("listener bind address '" + config.bind().get() + "' cannot be resolved", e);
        }
        return bindOrFail(b, new InetSocketAddress(address, config.port()), config.port());
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
        String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (cause instanceof BindException && message.contains("in use")) {
            throw new BrokerException("port " + port + " is already in use", cause);
        }
        if (cause instanceof BindException && (message.contains("assign") || message.contains("not available"))) {
            throw new BrokerException(
                    "cannot listen on " + address.getAddress().getHostAddress() + " port " + port
                            + ": this machine has no such address",
                    cause);
        }
        if (message.contains("permission denied") && port < 1024) {
            throw new BrokerException(
                    "cannot listen on port " + port + ": ports below 1024 need root or the "
                            + "CAP_NET_BIND_SERVICE capability",
                    cause);
        }
        throw new BrokerException(
                "cannot listen on " + address.getAddress().getHostAddress() + " port " + port + ": "
                        + cause.getMessage(),
                cause);
    }
}

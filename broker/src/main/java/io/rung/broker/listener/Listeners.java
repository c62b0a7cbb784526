package io.rung.broker.listener;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.rung.broker.BoundListener;
import io.rung.broker.BrokerException;
import io.rung.broker.handler.ListenerContext;
import io.rung.config.ListenerConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's listeners: binds every {@code broker.listeners} entry (plain MQTT, TLS, WebSocket, secure WebSocket),
 * logs each as a URL, watches the TLS files for changes and closes them all.
 *
 * <pre>{@code
 * Listeners listeners = Listeners.bind(config.listeners(), boss, workers, name -> new ListenerContext(...), clients);
 * listeners.reloadCertificates();   // SIGHUP
 * listeners.close();
 * }</pre>
 */
public final class Listeners implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<BoundListener> bound = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();
    private final List<ReloadableTlsContext> tlsContexts = new ArrayList<>();
    private CertificateWatcher watcher = new CertificateWatcher(List.of());

    private Listeners() {}

    /**
     * Loads every TLS listener's files first, then binds every listener, or fails with a one-line reason such as
     * "port 1883 is already in use" or "listener on port 8883: key file certs/server.key does not exist".
     *
     * @param contexts makes the shared context of one listener from its name, such as {@code tls:8883}
     */
    public static Listeners bind(
            List<ListenerConfig> configs,
            EventLoopGroup boss,
            EventLoopGroup workers,
            Function<String, ListenerContext> contexts,
            ChannelGroup clients)
            throws BrokerException {
        Listeners listeners = new Listeners();
        try {
            List<MqttChannelInitializer> initializers = new ArrayList<>();
            List<ListenerContext> listenerContexts = new ArrayList<>();
            for (ListenerConfig config : configs) {
                ListenerKind kind = ListenerKind.of(config);
                ListenerContext context = contexts.apply(kind.name(config.port()));
                ReloadableTlsContext tls = null;
                if (config.tls().isPresent()) {
                    try {
                        tls = ReloadableTlsContext.load(config.tls().get(), context::name);
                    } catch (TlsException e) {
                        throw new BrokerException("listener on port " + config.port() + ": " + e.getMessage(), e);
                    }
                    listeners.tlsContexts.add(tls);
                }
                String path = config.websocket().orElse("");
                initializers.add(new MqttChannelInitializer(kind, context, tls, path, clients));
                listenerContexts.add(context);
            }
            for (int i = 0; i < configs.size(); i++) {
                listeners.bindOne(configs.get(i), boss, workers, initializers.get(i), listenerContexts.get(i));
            }
            listeners.watcher = new CertificateWatcher(listeners.tlsContexts);
        } catch (BrokerException | RuntimeException e) {
            listeners.close();
            throw e;
        }
        listeners.logAll();
        return listeners;
    }

    private void bindOne(
            ListenerConfig config,
            EventLoopGroup boss,
            EventLoopGroup workers,
            MqttChannelInitializer init,
            ListenerContext context)
            throws BrokerException {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .childHandler(init);
        Channel channel = SocketBinder.bind(b, config);
        channels.add(channel);
        InetSocketAddress address = (InetSocketAddress) channel.localAddress();
        ListenerKind kind = ListenerKind.of(config);
        init.port(address.getPort());
        context.name(kind.name(address.getPort()));
        bound.add(new BoundListener(
                config, address, kind.url(address, config.websocket().orElse(""))));
    }

    private void logAll() {
        for (BoundListener l : bound) {
            InetSocketAddress a = l.address();
            if (a.getAddress().isLoopbackAddress()) {
                LOG.warn(
                        "Listening on {} (loopback only: phones and other machines cannot reach it; "
                                + "remove 'bind' to listen on all interfaces).",
                        l.url());
            } else if (a.getAddress().isAnyLocalAddress()) {
                LOG.info(
                        "Listening on {} (all interfaces{}).",
                        l.url(),
                        a.getAddress() instanceof java.net.Inet6Address ? ", IPv4 and IPv6" : ", IPv4 only");
            } else {
                LOG.info("Listening on {}.", l.url());
            }
        }
        for (ReloadableTlsContext tls : tlsContexts) tls.logCertificate();
    }

    public List<BoundListener> bound() {
        return List.copyOf(bound);
    }

    /**
     * Reloads the certificate, key and client CA of every TLS listener (SIGHUP); clients already connected stay
     * connected. A listener whose files cannot be used keeps its previous certificate, and the log says why.
     *
     * @return true when every TLS listener reloaded (also when there is none)
     */
    public boolean reloadCertificates() {
        return watcher.reloadAll();
    }

    /** Stops accepting connections; connected clients are the broker's to close. */
    @Override
    public void close() {
        watcher.close();
        for (Channel c : channels) c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}

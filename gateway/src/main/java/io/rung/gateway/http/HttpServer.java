package io.rung.gateway.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.rung.broker.Broker;
import io.rung.broker.LocalClient;
import io.rung.broker.auth.Identity;
import io.rung.broker.listener.WebSocketHandover;
import io.rung.config.HttpConfig;
import io.rung.config.TlsConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP listener of the gateway ({@code http:}): dashboard, REST API, {@code /metrics}, {@code /health} and
 * MQTT over WebSocket at {@code /mqtt}, over TLS when {@code http.tls} is set.
 *
 * <pre>{@code
 * try (HttpServer http = HttpServer.start(config.http().get(), parts)) {
 *     System.out.println("dashboard: " + http.url());
 * }
 * }</pre>
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final int MAX_BODY = 64 * 1024;
    /** The idle timeout's handler name; removed when a connection becomes MQTT over WebSocket. */
    static final String IDLE = "idle";

    private final EventLoopGroup group;
    private final ExecutorService blocking;
    private final LocalClient client;
    private final CommandSender commands;
    private final InetSocketAddress address;
    private final boolean tls;
    private final MqttUpgrade mqtt;
    private @Nullable Channel channel;

    private HttpServer(
            EventLoopGroup group,
            ExecutorService blocking,
            LocalClient client,
            CommandSender commands,
            InetSocketAddress address,
            boolean tls,
            MqttUpgrade mqtt) {
        this.mqtt = mqtt;
        this.group = group;
        this.blocking = blocking;
        this.client = client;
        this.commands = commands;
        this.address = address;
        this.tls = tls;
    }

    /** Binds {@code http.bind}:{@code http.port}, or fails with a one-line reason such as "port 8080 is already in use". */
    public static HttpServer start(HttpConfig http, HttpParts parts) throws HttpServerException {
        SslContext ssl = http.tls().isPresent() ? sslContext(http.tls().get()) : null;
        Broker broker = parts.broker();
        LocalClient client = broker.connectLocal(Identity.trusted("$http"));
        LiveValues live = new LiveValues(client, parts.devices(), Clock.systemUTC());
        live.start();
        CommandSender commands = new CommandSender(broker, client, parts.devices());
        commands.start();
        for (var d : parts.devices()) parts.metrics().device(d.name());
        ExecutorService blocking = Executors.newFixedThreadPool(2, new DefaultThreadFactory("rung-http-auth", true));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(
                2, new DefaultThreadFactory("rung-http", true), NioIoHandler.newFactory());
        AtomicInteger boundPort = new AtomicInteger(http.port());
        Router router = Routes.build(http, parts, live, commands, blocking, boundPort::get);
        WebSocketHandover handover = broker.webSocketHandover("http:" + http.port(), MqttUpgrade.PATH);
        MqttUpgrade mqtt = new MqttUpgrade(handover);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) p.addLast("tls", ssl.newHandler(ch.alloc()));
                        p.addLast(IDLE, new IdleStateHandler(0, 0, 120, TimeUnit.SECONDS));
                        p.addLast("http", new HttpServerCodec());
                        p.addLast("keepalive", new HttpServerKeepAliveHandler());
                        p.addLast("aggregate", new HttpObjectAggregator(MAX_BODY));
                        p.addLast("handler", new RequestHandler(router, mqtt));
                    }
                });
        Channel channel;
        try {
            channel = bind(bootstrap, http);
        } catch (HttpServerException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            blocking.shutdownNow();
            commands.close();
            client.close();
            throw e;
        }
        boundPort.set(((InetSocketAddress) channel.localAddress()).getPort());
        handover.name("http:" + boundPort.get());
        HttpServer server = new HttpServer(
                group, blocking, client, commands, (InetSocketAddress) channel.localAddress(), ssl != null, mqtt);
        server.channel = channel;
        LOG.info("Dashboard, HTTP API and MQTT over WebSocket (/mqtt) on {}", server.url());
        return server;
    }

    /** Binds {@code http.bind}, or every interface: IPv6 and IPv4, 0.0.0.0 where IPv6 is off. */
    private static Channel bind(ServerBootstrap b, HttpConfig http) throws HttpServerException {
        if (http.bind().isPresent() && !http.bind().get().isBlank())
            return bind(b, http.bind().get(), http.port());
        try {
            return bind(b, "::", http.port());
        } catch (HttpServerException e) {
            if (e.getMessage().contains("already in use")) throw e;
            LOG.info("IPv6 is not available ({}); HTTP on 0.0.0.0 only", e.getMessage());
            return bind(b, "0.0.0.0", http.port());
        }
    }

    private static Channel bind(ServerBootstrap b, String host, int port) throws HttpServerException {
        ChannelFuture f = b.bind(host, port).awaitUninterruptibly();
        if (f.isSuccess()) return f.channel();
        Throwable cause = f.cause();
        if (cause instanceof BindException
                && String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("in use")) {
            throw new HttpServerException("http: port " + port + " is already in use", cause);
        }
        throw new HttpServerException(
                "http: cannot listen on " + host + " port " + port + ": " + cause.getMessage(), cause);
    }

    private static SslContext sslContext(TlsConfig tls) throws HttpServerException {
        try {
            return SslContextBuilder.forServer(
                            tls.cert().toFile(),
                            tls.key().toFile(),
                            tls.keyPassword().map(s -> s.value()).orElse(null))
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (IOException | IllegalArgumentException e) {
            throw new HttpServerException(
                    "http.tls: cannot load " + tls.cert() + " and " + tls.key() + ": " + e.getMessage(), e);
        }
    }

    /** The bound address (port 0 resolved). */
    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** The base URL for logs, such as {@code http://[::]:8080/}. */
    public String url() {
        String host = address.getAddress().getHostAddress();
        if (host.contains(":")) host = "[" + host.replaceFirst("%.*", "") + "]";
        return (tls ? "https://" : "http://") + host + ":" + port() + "/";
    }

    @Override
    public void close() {
        if (channel != null) channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        mqtt.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        blocking.shutdownNow();
        commands.close();
        client.close();
    }
}

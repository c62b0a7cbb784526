package io.rung.broker.listener;

import io.rung.config.ListenerConfig;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The four transports a listener can speak, with their URL scheme and their name in log lines. */
public enum ListenerKind {
    TCP("tcp", "mqtt", "plain MQTT without TLS"),
    TLS("tls", "mqtts", "MQTT over TLS"),
    WS("ws", "ws", "MQTT over WebSocket without TLS"),
    WSS("wss", "wss", "MQTT over WebSocket with TLS");

    private final String prefix;
    private final String scheme;
    private final String speaks;

    ListenerKind(String prefix, String scheme, String speaks) {
        this.prefix = prefix;
        this.scheme = scheme;
        this.speaks = speaks;
    }

    public static ListenerKind of(ListenerConfig config) {
        boolean tls = config.tls().isPresent();
        if (config.websocket().isPresent()) return tls ? WSS : WS;
        return tls ? TLS : TCP;
    }

    public boolean tls() {
        return this == TLS || this == WSS;
    }

    public boolean websocket() {
        return this == WS || this == WSS;
    }

    /** The URL scheme clients use: {@code mqtt}, {@code mqtts}, {@code ws} or {@code wss}. */
    public String scheme() {
        return scheme;
    }

    /** The listener's name in log lines, such as {@code tls:8883}. */
    public String name(int port) {
        return prefix + ":" + port;
    }

    /** What the listener expects, in words: {@code MQTT over TLS}. */
    String speaks() {
        return speaks;
    }

    /**
     * The URL of a bound listener, such as {@code ws://0.0.0.0:8083/mqtt}; the wildcard address (IPv4 and IPv6) is
     * shown as 0.0.0.0, IPv6 hosts in brackets.
     */
    public String url(InetSocketAddress address, String path) {
        InetAddress ip = address.getAddress();
        String host;
        if (ip.isAnyLocalAddress()) {
            host = "0.0.0.0";
        } else if (ip instanceof Inet6Address) {
            String h = ip.getHostAddress();
            int pct = h.indexOf('%');
            host = "[" + (pct >= 0 ? h.substring(0, pct) : h) + "]";
        } else {
            host = ip.getHostAddress();
        }
        return scheme + "://" + host + ":" + address.getPort() + (websocket() ? path : "");
    }
}

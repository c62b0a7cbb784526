package io.rung.broker.tls;

import io.rung.config.ListenerConfig;
import io.rung.config.TlsConfig;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The four listener transports, for tests that run one behaviour over each of them. */
public enum Transport {
    TCP(false, false),
    TLS(true, false),
    WS(false, true),
    WSS(true, true);

    /** The path of the tests' WebSocket listeners. */
    public static final String PATH = "/mqtt";

    private final boolean tls;
    private final boolean websocket;

    Transport(boolean tls, boolean websocket) {
        this.tls = tls;
        this.websocket = websocket;
    }

    public boolean tls() {
        return tls;
    }

    public boolean websocket() {
        return websocket;
    }

    /** A listener on 127.0.0.1, any free port; {@code tlsConfig} is used by TLS and WSS only. */
    public ListenerConfig listener(@Nullable TlsConfig tlsConfig) {
        if (tls && tlsConfig == null) throw new IllegalArgumentException(this + " needs a TLS config");
        return new ListenerConfig(
                0,
                Optional.of("127.0.0.1"),
                websocket ? Optional.of(PATH) : Optional.empty(),
                tls ? Optional.of(tlsConfig) : Optional.empty());
    }

    /** The server URI as Paho wants it: {@code tcp://}, {@code ssl://}, {@code ws://…/mqtt}, {@code wss://…/mqtt}. */
    public String pahoUri(String host, int port) {
        String scheme = websocket ? (tls ? "wss" : "ws") : (tls ? "ssl" : "tcp");
        return scheme + "://" + host + ":" + port + (websocket ? PATH : "");
    }
}

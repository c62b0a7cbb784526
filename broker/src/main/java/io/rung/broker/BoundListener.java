package io.rung.broker;

import io.rung.config.ListenerConfig;
import java.net.InetSocketAddress;

/**
 * A listener after binding: the actual address (port 0 resolved) and its URL for logs, such as
 * {@code mqtt://0.0.0.0:1883} or {@code wss://0.0.0.0:8084/mqtt}.
 */
public record BoundListener(ListenerConfig config, InetSocketAddress address, String url) {
    /** The bound port. */
    public int port() {
        return address.getPort();
    }
}

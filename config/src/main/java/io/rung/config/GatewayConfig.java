package io.rung.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** The {@code gateway:} section: who this box is. */
public record GatewayConfig(String id) {
    /** The host name, lower-cased, with every character outside {@code [a-z0-9_-]} replaced by {@code -}. */
    public static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "rung");
        }
        int dot = host.indexOf('.');
        if (dot > 0) host = host.substring(0, dot);
        String id = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        return id.isEmpty() ? "rung" : id;
    }

    public static GatewayConfig defaults() {
        return new GatewayConfig(defaultId());
    }
}

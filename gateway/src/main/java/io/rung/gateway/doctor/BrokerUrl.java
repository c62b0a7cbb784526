package io.rung.gateway.doctor;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A broker URL as {@code rung doctor} takes it: {@code mqtt://}, {@code mqtts://} (also {@code tcp://},
 * {@code ssl://}), {@code ws://HOST:PORT/path}, {@code wss://…}; default ports 1883, 8883, 80, 443; WebSocket path
 * {@code /mqtt} when none is given. A URL carrying a password is refused.
 *
 * @param user the user name written as {@code user@host}, if any
 */
public record BrokerUrl(String scheme, String host, int port, String path, Optional<String> user) {
    /** The WebSocket path most brokers (Rung, EMQX, HiveMQ) use. */
    public static final String DEFAULT_WS_PATH = "/mqtt";

    public boolean tls() {
        return scheme.equals("mqtts") || scheme.equals("wss");
    }

    public boolean websocket() {
        return scheme.equals("ws") || scheme.equals("wss");
    }

    /** {@code ws://host:port/path} as written back to users; IPv6 hosts in brackets. */
    public String text() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return scheme + "://" + h + ":" + port + (websocket() ? path : "");
    }

    /** @throws IllegalArgumentException with a plain-words message */
    public static BrokerUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        scheme = switch (scheme) {
            case "tcp" -> "mqtt";
            case "ssl" -> "mqtts";
            default -> scheme;
        };
        int defaultPort = switch (scheme) {
            case "mqtt" -> 1883;
            case "mqtts" -> 8883;
            case "ws" -> 80;
            case "wss" -> 443;
            default ->
                throw new IllegalArgumentException("scheme must be one of mqtt, mqtts, ws, wss (was '"
                        + (uri.getScheme() == null ? "" : uri.getScheme()) + "'), e.g. mqtt://broker.example.com:1883");
        };
        String host = uri.getHost();
        if (host == null || host.isEmpty()) throw new IllegalArgumentException("'" + text + "' names no host");
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        Optional<String> user = Optional.empty();
        String info = uri.getRawUserInfo();
        if (info != null) {
            if (info.contains(":")) {
                throw new IllegalArgumentException("a URL with user:password@ is refused (a password in a URL ends up "
                        + "in shell history); use -u USER and the prompt, --password-stdin or $RUNG_PASSWORD");
            }
            user = Optional.of(uri.getUserInfo());
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? DEFAULT_WS_PATH : uri.getRawPath();
        if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
        return new BrokerUrl(scheme, host, uri.getPort() < 0 ? defaultPort : uri.getPort(), path, user);
    }
}

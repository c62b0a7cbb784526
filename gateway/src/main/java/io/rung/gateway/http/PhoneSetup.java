package io.rung.gateway.http;

import io.rung.broker.BoundListener;
import io.rung.config.HttpConfig;
import io.rung.config.ListenerConfig;
import io.rung.gateway.doctor.LocalAddresses;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the "Connect a phone" page shows: every listener as a URL the outside world can use ({@code http.publicHost},
 * else the machine's non-loopback addresses), MQTT over WebSocket on the HTTP port last, the one to try first
 * (WebSocket, TLS preferred) and the QR texts.
 */
final class PhoneSetup {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneSetup.class);
    private final Supplier<List<BoundListener>> listeners;
    private final HttpConfig http;
    private final IntSupplier httpPort;

    /**
     * One way in.
     *
     * @param scheme mqtt, mqtts, ws or wss
     * @param path the WebSocket path; empty for plain MQTT
     * @param loopbackOnly the listener is bound to a loopback address: only this machine can use it
     */
    record Endpoint(String scheme, String host, int port, String path, boolean tls, String url, boolean loopbackOnly) {}

    PhoneSetup(Supplier<List<BoundListener>> listeners, HttpConfig http, IntSupplier httpPort) {
        this.listeners = listeners;
        this.http = http;
        this.httpPort = httpPort;
    }

    /** The page's data for {@code user} (empty: anonymous). */
    Map<String, Object> info(Optional<String> user) {
        List<String> hosts = hosts();
        List<Endpoint> endpoints = endpoints(hosts);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", user.orElse(""));
        m.put("hosts", hosts);
        m.put("publicHost", http.publicHost().orElse(""));
        m.put("endpoints", endpoints);
        recommended(endpoints).ifPresent(e -> {
            m.put("recommended", e);
            m.put("qr", qrText(e, user));
        });
        m.put(
                "dashboard",
                (http.tls().isPresent() ? "https://" : "http://") + dashboardHost(hosts) + ":" + httpPort.getAsInt()
                        + "/");
        return m;
    }

    /** The texts this user may have drawn as a QR code: nothing else is encoded on request. */
    Set<String> qrTexts(Optional<String> user) {
        Map<String, Object> info = info(user);
        Set<String> texts = new LinkedHashSet<>();
        if (info.get("qr") instanceof String qr) texts.add(qr);
        texts.add((String) info.get("dashboard"));
        for (Object e : (List<?>) info.get("endpoints")) texts.add(((Endpoint) e).url());
        return texts;
    }

    /** The URL with the user name (never a password) in front of the host, as many apps import it. */
    static String qrText(Endpoint e, Optional<String> user) {
        if (user.isEmpty()) return e.url();
        return e.scheme() + "://" + user.get() + "@" + e.host() + ":" + e.port() + e.path();
    }

    /** The first WebSocket endpoint reachable from outside (TLS first), else the first reachable one. */
    static Optional<Endpoint> recommended(List<Endpoint> endpoints) {
        List<String> order = List.of("wss", "ws", "mqtts", "mqtt");
        for (String scheme : order) {
            for (Endpoint e : endpoints) if (e.scheme().equals(scheme) && !e.loopbackOnly()) return Optional.of(e);
        }
        return endpoints.stream().findFirst();
    }

    private List<Endpoint> endpoints(List<String> hosts) {
        List<Endpoint> all = new ArrayList<>();
        for (BoundListener l : listeners.get()) {
            ListenerConfig c = l.config();
            boolean tls = c.tls().isPresent();
            boolean ws = c.websocket().isPresent();
            String scheme = ws ? (tls ? "wss" : "ws") : (tls ? "mqtts" : "mqtt");
            String path = c.websocket().orElse("");
            InetAddress bound = l.address().getAddress();
            boolean loopback = bound != null && bound.isLoopbackAddress();
            List<String> shown = bound == null
                            || bound.isAnyLocalAddress()
                            || http.publicHost().isPresent() && !loopback
                    ? hosts
                    : List.of(LocalAddresses.urlHost(bound));
            for (String host : shown) {
                all.add(new Endpoint(
                        scheme, host, l.port(), path, tls, scheme + "://" + host + ":" + l.port() + path, loopback));
            }
        }
        all.addAll(httpEndpoints(hosts));
        return all;
    }

    /** MQTT over WebSocket on the HTTP port itself ({@code /mqtt}), after the broker's listeners. */
    private List<Endpoint> httpEndpoints(List<String> hosts) {
        String scheme = http.tls().isPresent() ? "wss" : "ws";
        int port = httpPort.getAsInt();
        InetAddress bound = null;
        if (http.bind().isPresent() && !http.bind().get().isBlank()) {
            try {
                bound = InetAddress.getByName(http.bind().get());
            } catch (UnknownHostException e) {
                LOG.debug(
                        "Cannot resolve http.bind {}: {}; showing the machine's addresses.",
                        http.bind().get(),
                        e.getMessage());
            }
        }
        boolean loopback = bound != null && bound.isLoopbackAddress();
        List<String> shown =
                bound == null || bound.isAnyLocalAddress() || http.publicHost().isPresent() && !loopback
                        ? hosts
                        : List.of(LocalAddresses.urlHost(bound));
        List<Endpoint> all = new ArrayList<>();
        for (String host : shown) {
            all.add(new Endpoint(
                    scheme,
                    host,
                    port,
                    MqttUpgrade.PATH,
                    http.tls().isPresent(),
                    scheme + "://" + host + ":" + port + MqttUpgrade.PATH,
                    loopback));
        }
        return all;
    }

    /** The host of the dashboard URL: {@code publicHost}, else the HTTP bind address, else the first address. */
    private String dashboardHost(List<String> hosts) {
        if (http.publicHost().isPresent() || http.bind().isEmpty()) return hosts.get(0);
        try {
            InetAddress bound = InetAddress.getByName(http.bind().get());
            return bound.isAnyLocalAddress() ? hosts.get(0) : LocalAddresses.urlHost(bound);
        } catch (UnknownHostException e) {
            return http.bind().get();
        }
    }

    private List<String> hosts() {
        if (http.publicHost().isPresent()) return List.of(http.publicHost().get());
        List<String> hosts = new ArrayList<>();
        try {
            for (InetAddress a : LocalAddresses.reachable()) hosts.add(LocalAddresses.urlHost(a));
        } catch (SocketException e) {
            LOG.debug("Cannot list the network interfaces: {}; showing localhost.", e.getMessage());
        }
        if (hosts.isEmpty()) hosts.add("localhost");
        return hosts;
    }
}

package io.rung.gateway.doctor;

import io.rung.config.HttpConfig;
import io.rung.config.ListenerConfig;
import io.rung.config.RungConfig;
import io.rung.config.TlsConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code rung doctor} without a URL: looks at the local configuration and machine the way a remote client will
 * meet them: listeners and their bind addresses, this machine's addresses, firewall rules, TLS certificates, auth.
 */
public final class ServerChecks {
    private final RungConfig config;
    private final Clock clock;
    private final SystemCommands commands;
    private final List<Finding> out = new ArrayList<>();

    /** A port clients must reach, for the firewall and cloud checks; {@code bindKey} names its bind in rung.yaml. */
    private record Port(String name, int port, Optional<String> bind, String bindKey, Optional<TlsConfig> tls) {}

    public ServerChecks(RungConfig config, Clock clock, SystemCommands commands) {
        this.config = config;
        this.clock = clock;
        this.commands = commands;
    }

    public List<Finding> run() {
        List<Port> ports = ports();
        for (Port p : ports) listener(p);
        addresses();
        new FirewallCheck(commands, out)
                .run(ports.stream()
                        .filter(p -> !loopback(p.bind()))
                        .map(Port::port)
                        .toList());
        Optional<String> publicHost = config.http().flatMap(HttpConfig::publicHost);
        for (Port p : ports) p.tls().ifPresent(t -> out.addAll(CertificateCheck.check(p.name(), t, publicHost, clock)));
        new AuthCheck(config, out).run();
        List<Integer> open =
                ports.stream().filter(p -> !loopback(p.bind())).map(Port::port).toList();
        if (!open.isEmpty()) {
            out.add(Finding.info(
                    "cloud",
                    "in a cloud (AWS, Azure, Google, Hetzner, …) the security group or network "
                            + "firewall must also allow inbound TCP "
                            + open.toString().replaceAll("[\\[\\]]", "")
                            + " from the clients; it cannot be seen from this machine: test from outside with "
                            + "'rung doctor mqtt://PUBLIC-HOST:PORT'"));
        }
        return List.copyOf(out);
    }

    private List<Port> ports() {
        List<Port> ports = new ArrayList<>();
        List<ListenerConfig> listeners = config.broker().listeners();
        for (int i = 0; i < listeners.size(); i++) {
            ListenerConfig l = listeners.get(i);
            String scheme = l.websocket().isPresent()
                    ? (l.tls().isPresent() ? "wss" : "ws")
                    : (l.tls().isPresent() ? "mqtts" : "mqtt");
            ports.add(new Port(
                    "listener " + scheme + " :" + l.port() + l.websocket().orElse(""),
                    l.port(),
                    l.bind(),
                    "broker.listeners[" + i + "].bind",
                    l.tls()));
        }
        config.http()
                .ifPresent(h -> ports.add(new Port(
                        "http" + (h.tls().isPresent() ? "s" : "") + " :" + h.port(),
                        h.port(),
                        h.bind(),
                        "http.bind",
                        h.tls())));
        return ports;
    }

    private void listener(Port p) {
        if (p.port() == 0) {
            out.add(Finding.warn(
                    p.name(), "port 0 takes any free port at each start", "clients need a fixed port: set one"));
            return;
        }
        if (p.bind().isEmpty() || p.bind().get().isBlank()) {
            out.add(Finding.ok(p.name(), "all interfaces"));
        } else {
            InetAddress a;
            try {
                a = InetAddress.getByName(p.bind().get());
            } catch (UnknownHostException e) {
                out.add(Finding.fail(
                        p.name(),
                        "bind address '" + p.bind().get() + "' does not resolve",
                        "use an address of this machine, or remove bind"));
                return;
            }
            if (a.isLoopbackAddress()) {
                out.add(Finding.warn(
                        p.name(),
                        "bound to " + a.getHostAddress() + ": only this machine can connect",
                        "remove " + p.bindKey() + " (all interfaces) or set it to the address clients use"));
            } else if (a.isAnyLocalAddress()) {
                out.add(Finding.ok(p.name(), "all interfaces (" + a.getHostAddress() + ")"));
            } else if (!local(a)) {
                out.add(Finding.fail(
                        p.name(),
                        "bind address " + a.getHostAddress() + " is not an address of this machine",
                        "use one of this machine's addresses, or remove bind"));
            } else {
                out.add(Finding.ok(p.name(), "bound to " + a.getHostAddress() + " only"));
            }
        }
        boolean passwords = config.broker()
                .auth()
                .map(auth -> !auth.anonymous() || auth.passwordFile().isPresent())
                .orElse(true);
        if (p.tls().isEmpty() && !loopback(p.bind()) && passwords) {
            out.add(Finding.warn(
                    p.name(),
                    "passwords cross the network in clear text on this port",
                    "add tls: { cert, key } (clients then use " + (p.name().contains("ws") ? "wss://" : "mqtts://")
                            + ")"));
        }
        out.add(Finding.info(
                p.name(),
                listening(p)
                        ? "something is listening on port " + p.port() + " now"
                        : "nothing listens on port " + p.port() + " now (is Rung running?)"));
    }

    private static boolean listening(Port p) {
        String host = p.bind().filter(b -> !b.isBlank()).orElse("127.0.0.1");
        try (Socket s = new Socket()) {
            InetAddress a = InetAddress.getByName(host);
            s.connect(
                    new InetSocketAddress(a.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : a, p.port()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void addresses() {
        List<InetAddress> all;
        try {
            all = LocalAddresses.reachable();
        } catch (SocketException e) {
            out.add(Finding.warn(
                    "addresses", "cannot list this machine's addresses: " + e.getMessage(), "check 'ip addr' by hand"));
            return;
        }
        if (all.isEmpty()) {
            out.add(Finding.fail("addresses", "this machine has no address but loopback", "connect it to a network"));
            return;
        }
        List<String> shown = all.stream()
                .map(a -> a.getHostAddress().replaceFirst("%.*", "")
                        + (LocalAddresses.isPublic(a) ? " (public)" : " (private)"))
                .toList();
        out.add(Finding.info("addresses", String.join(", ", shown)));
        if (all.stream().noneMatch(LocalAddresses::isPublic)) {
            out.add(
                    Finding.info(
                            "addresses",
                            "no public address: clients outside this network reach it only through "
                                    + "port forwarding, a VPN or a cloud's public IP/NAT; put the name they use in http.publicHost"));
        }
    }

    private static boolean local(InetAddress a) {
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return true; // cannot tell: do not claim it is foreign
        }
    }

    static boolean loopback(Optional<String> bind) {
        if (bind.isEmpty() || bind.get().isBlank()) return false;
        String b = bind.get();
        return b.equals("localhost") || b.startsWith("127.") || b.equals("::1") || b.equals("[::1]");
    }
}

package io.rung.gateway.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Walks the way a client takes to a broker, DNS → TCP → TLS → WebSocket upgrade → MQTT CONNECT → subscribe and
 * publish round trip, and stops at the first step that fails, naming its likely cause and the fix.
 *
 * <pre>{@code
 * List<Step> steps = ClientProbe.run(BrokerUrl.parse("wss://broker.example.com/mqtt"), options);
 * }</pre>
 */
public final class ClientProbe {
    private ClientProbe() {}

    /** The steps taken; the last one failed unless every step passed. */
    public static List<Step> run(BrokerUrl url, ProbeOptions o) {
        List<Step> steps = new ArrayList<>();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.host());
            steps.add(Step.passed(
                    "DNS",
                    url.host() + " is "
                            + Arrays.stream(addresses)
                                    .map(InetAddress::getHostAddress)
                                    .collect(Collectors.joining(", "))));
        } catch (UnknownHostException e) {
            steps.add(Step.failed(
                    "DNS",
                    url.host() + " does not resolve",
                    "the name is misspelt or has no DNS record",
                    "check the name, or try the server's IP address; on the server side, add an A/AAAA record"));
            return steps;
        }
        Socket socket = new Socket();
        Step tcp = connect(socket, addresses, url, o);
        steps.add(tcp);
        if (!tcp.ok()) return steps;
        try (socket) {
            Socket channel = socket;
            InetSocketAddress address = (InetSocketAddress) socket.getRemoteSocketAddress();
            if (url.tls()) {
                TlsStep.Result tls = TlsStep.run(socket, address, url, o);
                steps.add(tls.step());
                if (tls.socket().isEmpty()) return steps;
                channel = tls.socket().get();
            }
            channel.setSoTimeout((int) o.timeout().toMillis());
            InputStream in = channel.getInputStream();
            OutputStream out = channel.getOutputStream();
            if (url.websocket()) {
                WebSocketStreams ws = new WebSocketStreams(in, out);
                Step upgrade = WebSocketStep.run(ws, url);
                steps.add(upgrade);
                if (!upgrade.ok()) return steps;
                in = ws.in();
                out = ws.out();
            }
            MqttSteps.run(new MqttWire(in, out), url, o, steps);
        } catch (IOException e) {
            steps.add(Step.failed(
                    "connection",
                    "failed: " + e.getMessage(),
                    "the connection broke off",
                    "run the doctor again; if it repeats, look at the broker's log"));
        }
        return steps;
    }

    /** Connects {@code socket} to the first address; a refused or silent address is reported, not retried. */
    private static Step connect(Socket socket, InetAddress[] addresses, BrokerUrl url, ProbeOptions o) {
        InetAddress tried = addresses[0];
        IOException last;
        long start = System.nanoTime();
        try {
            socket.connect(
                    new InetSocketAddress(tried, url.port()), (int) o.timeout().toMillis());
            return Step.passed(
                    "TCP",
                    tried.getHostAddress() + " port " + url.port() + " answered in "
                            + (System.nanoTime() - start) / 1_000_000 + " ms");
        } catch (IOException e) {
            last = e;
            closeQuietly(socket);
        }
        String where = tried.getHostAddress() + " port " + url.port();
        if (last instanceof SocketTimeoutException) {
            return Step.failed(
                    "TCP",
                    "no answer from " + where + " within " + o.timeout().toSeconds() + " s",
                    "a firewall or cloud security group silently drops packets to port " + url.port()
                            + " (or the host is down)",
                    "open inbound TCP " + url.port() + " in the server's firewall (ufw, iptables, nftables) and in "
                            + "the cloud security group or network ACL; 'rung doctor' on the server lists its rules");
        }
        if (last instanceof ConnectException) {
            return Step.failed(
                    "TCP",
                    where + " refused the connection",
                    "nothing listens on port " + url.port() + " there, or the broker listens on 127.0.0.1 only",
                    "start the broker; check its listener port; bind the listener to all interfaces (Rung: no "
                            + "'bind', or 'bind: 0.0.0.0'; mosquitto 2: 'listener " + url.port()
                            + "', as it listens on localhost only without one)");
        }
        if (last instanceof NoRouteToHostException) {
            return Step.failed(
                    "TCP",
                    "no route to " + where,
                    "the network cannot reach the host, or a firewall " + "rejects with host-unreachable",
                    "check VPN, routing and the firewall's REJECT rules");
        }
        return Step.failed(
                "TCP",
                "cannot connect to " + where + ": " + last.getMessage(),
                "the network refused the connection",
                "check the address and the network");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket that never connected: nothing is lost, the step already failed.
        }
    }
}

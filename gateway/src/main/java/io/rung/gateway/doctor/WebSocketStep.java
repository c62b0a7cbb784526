package io.rung.gateway.doctor;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;

/** The WebSocket upgrade step of the probe and what its failures mean. */
final class WebSocketStep {
    static final String NAME = "WebSocket";

    private WebSocketStep() {}

    static Step run(WebSocketStreams ws, BrokerUrl url) {
        WebSocketStreams.Handshake h;
        try {
            h = ws.upgrade(url.host(), url.port(), url.path());
        } catch (WebSocketStreams.NotHttpException e) {
            return Step.failed(
                    NAME,
                    "the answer to the upgrade request is not HTTP",
                    e.firstByte == 0x15
                            ? "the port expects TLS"
                            : "the port speaks something else, probably plain MQTT",
                    e.firstByte == 0x15 ? "use wss://" : "use mqtt:// for this port, or the broker's WebSocket port");
        } catch (SocketTimeoutException e) {
            return Step.failed(
                    NAME,
                    "no answer to the upgrade request",
                    "the port is not an HTTP/WebSocket port " + "(a plain MQTT port waits silently for CONNECT)",
                    "use mqtt:// for this port, or the WebSocket port");
        } catch (EOFException e) {
            return Step.failed(
                    NAME,
                    "the server closed the connection without answering",
                    "the port is probably plain MQTT or expects TLS",
                    "use mqtt:// or wss:// as the port expects");
        } catch (IOException e) {
            return Step.failed(
                    NAME,
                    "upgrade failed: " + e.getMessage(),
                    "the server's WebSocket answer is broken",
                    "look at the broker's log");
        }
        if (h.status() == 101) {
            String protocol = h.headers().getOrDefault("sec-websocket-protocol", "");
            return Step.passed(
                    NAME,
                    "upgraded at " + url.path()
                            + (protocol.isEmpty()
                                    ? " (the server named no subprotocol; some clients insist on 'mqtt')"
                                    : ", subprotocol " + protocol));
        }
        if (h.status() == 404) {
            return Step.failed(
                    NAME,
                    h.statusLine(),
                    "there is no WebSocket at path " + url.path(),
                    "use the listener's path (Rung: the listener's 'websocket:' value, usually /mqtt)");
        }
        if (h.status() == 401 || h.status() == 403) {
            return Step.failed(
                    NAME,
                    h.statusLine(),
                    "a proxy or the server refuses the upgrade",
                    "check the reverse proxy's access rules and that it forwards Upgrade and Connection headers");
        }
        return Step.failed(
                NAME,
                h.statusLine(),
                "the server answered HTTP but did not upgrade to WebSocket",
                "this may be a web server or a proxy that does not pass WebSocket upgrades; use the broker's "
                        + "WebSocket port or enable upgrades in the proxy");
    }
}

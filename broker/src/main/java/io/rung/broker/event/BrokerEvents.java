package io.rung.broker.event;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broker event lines on the logger {@code broker.events}, shaped like {@code mosquitto -v}: connection events at
 * INFO, per-packet lines at DEBUG (emitted only when {@link #packets()} is true).
 */
public final class BrokerEvents {
    public static final String LOGGER = "broker.events";

    private final Logger log = LoggerFactory.getLogger(LOGGER);

    /** With {@code verbose}, turns DEBUG on for {@code broker.events} when the logging backend allows it. */
    public BrokerEvents(boolean verbose) {
        if (verbose && !log.isDebugEnabled()) enableDebug();
    }

    /** True when per-packet lines are wanted; check before building one. */
    public boolean packets() {
        return log.isDebugEnabled();
    }

    private void enableDebug() {
        try {
            // logback is the gateway's backend; the broker does not depend on it, so reach it by name
            Class<?> level = Class.forName(
                    "ch.qos.logback.classic.Level", false, log.getClass().getClassLoader());
            Object debug = level.getField("DEBUG").get(null);
            log.getClass().getMethod("setLevel", level).invoke(log, debug);
        } catch (ReflectiveOperationException | LinkageError e) {
            log.warn("verbose broker events need DEBUG enabled for logger {} in the logging configuration", LOGGER);
        }
    }

    public void newConnection(String remote, String listener) {
        log.info("New connection from {} on listener {}.", remote, listener);
    }

    /** {@code bridge}: the CONNECT carried mosquitto's bridge flag; the line then says "New bridge". */
    public void clientConnected(
            String remote,
            String clientId,
            int protocolLevel,
            boolean bridge,
            boolean cleanStart,
            int keepAlive,
            Optional<String> user) {
        String kind = bridge ? "bridge" : "client";
        if (user.isPresent()) {
            log.info(
                    "New {} connected from {} as {} (p{}, c{}, k{}, u'{}').",
                    kind,
                    remote,
                    clientId,
                    protocolLevel,
                    cleanStart ? 1 : 0,
                    keepAlive,
                    user.get());
        } else {
            log.info(
                    "New {} connected from {} as {} (p{}, c{}, k{}).",
                    kind,
                    remote,
                    clientId,
                    protocolLevel,
                    cleanStart ? 1 : 0,
                    keepAlive);
        }
    }

    public void disconnected(String clientId, String reason) {
        log.info("Client {} disconnected: {}.", clientId, reason);
    }

    public void closedCleanly(String clientId) {
        log.info("Client {} disconnected.", clientId);
    }

    public void malformed(String who, String reason) {
        log.info("Client {} disconnected due to malformed packet: {}.", who, reason);
    }

    public void protocolError(String who, String reason) {
        log.info("Client {} disconnected due to protocol error: {}.", who, reason);
    }

    public void takenOver(String clientId, String newRemote) {
        log.info("Client {} already connected, closing old connection (new connection from {}).", clientId, newRemote);
    }

    public void sessionExpired(String clientId) {
        log.info("Client {} session expired.", clientId);
    }

    public void queueFull(String clientId, long dropped, int limit) {
        log.warn(
                "Client {} offline queue is full ({} messages): dropped the oldest, {} dropped so far.",
                clientId,
                limit,
                dropped);
    }

    public void denied(String clientId, String what) {
        log.info("Denied {} from {}.", what, clientId);
    }

    public void received(String clientId, String packet) {
        log.debug("Received {} from {}", packet, clientId);
    }

    public void sending(String clientId, String packet) {
        log.debug("Sending {} to {}", packet, clientId);
    }

    /** The mosquitto shape of a PUBLISH: {@code (d0, q1, r0, m7, 'a/b', ... (4 bytes))}. */
    public static String publish(boolean dup, int qos, boolean retain, int packetId, String topic, int size) {
        return "PUBLISH (d" + (dup ? 1 : 0) + ", q" + qos + ", r" + (retain ? 1 : 0) + ", m" + packetId + ", '" + topic
                + "', ... (" + size + " bytes))";
    }

    public Logger logger() {
        return log;
    }
}

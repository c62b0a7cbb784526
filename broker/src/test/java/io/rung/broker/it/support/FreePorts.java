package io.rung.broker.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.function.IntFunction;

/**
 * Free loopback ports for external programs that cannot report the port they bound (mosquitto): bind 0, close,
 * hand the number over, and retry the start on a bind conflict.
 */
public final class FreePorts {
    private FreePorts() {}

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    /**
     * Starts something on a fresh free port, retrying with another port when {@code start} reports a bind conflict
     * by throwing {@link PortTakenException}.
     */
    public static <T> T startOnFreePort(int attempts, IntFunction<T> start) {
        PortTakenException last = null;
        for (int i = 0; i < attempts; i++) {
            try {
                return start.apply(pick());
            } catch (PortTakenException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no free port after " + attempts + " attempts", last);
    }

    /** Thrown by a start function when its port was taken between {@link #pick()} and the bind. */
    public static final class PortTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PortTakenException(int port) {
            super("port " + port + " is already in use");
        }
    }
}

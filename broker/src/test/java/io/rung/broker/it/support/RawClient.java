package io.rung.broker.it.support;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tiny MQTT client over a plain socket that sends exact bytes and reads exact packets back, for malformed and
 * flow-level cases the real clients hide.
 *
 * <pre>{@code
 * try (RawClient raw = RawClient.open(port)) {
 *     assertThat(raw.connect(RawConnect.of(Protocol.V311, "c1")).connAckCode()).isZero();
 *     raw.send(RawPackets.publish(Protocol.V311, "a/+", 0, 0, "x"));
 *     raw.awaitClosed();
 * }
 * }</pre>
 */
public final class RawClient implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RawClient open(int port) {
        try {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            return new RawClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to 127.0.0.1:" + port, e);
        }
    }

    /** Small receive buffer, so a subscriber that stops reading pushes back on the broker quickly. */
    public static RawClient openWithSmallBuffer(int port, int receiveBuffer) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(receiveBuffer);
            socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            socket.setTcpNoDelay(true);
            return new RawClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to 127.0.0.1:" + port, e);
        }
    }

    public RawClient send(byte[]... packets) {
        try {
            for (byte[] packet : packets) out.write(packet);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send to broker", e);
        }
    }

    /** Sends CONNECT and returns the CONNACK. */
    public Packet connect(RawConnect connect) {
        send(connect.build());
        return readType(RawPackets.CONNACK);
    }

    public Packet read() {
        return read(DEFAULT_TIMEOUT);
    }

    public Packet read(Duration timeout) {
        return poll(timeout).orElseThrow(() -> new AssertionError("no packet from broker within " + timeout));
    }

    /** Reads the next packet and checks its type. */
    public Packet readType(int type) {
        Packet packet = read();
        if (packet.type() != type) throw new AssertionError("expected packet type " + type + " but got " + packet);
        return packet;
    }

    /** The next packet, or empty if none arrives in time; fails if the broker closed the connection. */
    public Optional<Packet> poll(Duration timeout) {
        Optional<Packet> packet = pollOrClosed(timeout);
        if (packet == null) throw new AssertionError("broker closed the connection");
        return packet;
    }

    /** The next packet, or empty if the broker closed the connection; fails if neither happens in time. */
    public Optional<Packet> readOrClosed(Duration timeout) {
        Optional<Packet> packet = pollOrClosed(timeout);
        if (packet == null) return Optional.empty();
        if (packet.isEmpty()) throw new AssertionError("no packet and no close from broker within " + timeout);
        return packet;
    }

    /** Fails if any packet arrives (or the connection closes) within the given time. */
    public void assertNothingFor(Duration time) {
        Optional<Packet> packet = poll(time);
        if (packet.isPresent()) throw new AssertionError("expected nothing from broker but got " + packet.get());
    }

    /** Reads until the broker closes the connection; returns what it sent before (such as a DISCONNECT). */
    public List<Packet> awaitClosed() {
        return awaitClosed(DEFAULT_TIMEOUT);
    }

    public List<Packet> awaitClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Packet> before = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0)
                throw new AssertionError(
                        "broker did not close the connection within " + timeout + "; it sent " + before);
            Optional<Packet> packet = pollOrClosed(Duration.ofNanos(left));
            if (packet == null) return before;
            packet.ifPresent(before::add);
        }
    }

    /** True once the broker has closed the connection, reading and dropping packets meanwhile. */
    public boolean isClosedByBroker(Duration timeout) {
        try {
            awaitClosed(timeout);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    /** Drops the TCP connection abruptly (RST), as a crashed client or a pulled cable would. */
    public void kill() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset connection", e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close socket", e);
        }
    }

    /** Null when the connection is closed; empty when nothing arrived in time. */
    private Optional<Packet> pollOrClosed(Duration timeout) {
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            int first;
            try {
                first = in.read();
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            if (first < 0) return null;
            socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
            int length = 0;
            int multiplier = 1;
            for (int i = 0; i < 4; i++) {
                int b = in.readUnsignedByte();
                length += (b & 0x7F) * multiplier;
                if ((b & 0x80) == 0) break;
                multiplier *= 128;
            }
            byte[] body = new byte[length];
            in.readFully(body);
            return Optional.of(new Packet(first >> 4, first & 0x0F, body));
        } catch (EOFException | SocketException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read from broker", e);
        }
    }
}

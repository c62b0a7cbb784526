package io.rung.gateway.doctor;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The client side of RFC 6455 over a connected socket's streams: the opening handshake (subprotocol {@code mqtt}),
 * then MQTT bytes in binary frames, masked as a client must [RFC 6455 §5.3].
 */
final class WebSocketStreams {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEAD = 16 * 1024;

    private final InputStream rawIn;
    private final OutputStream rawOut;
    private final SecureRandom random = new SecureRandom();

    /** The server's answer to the upgrade request. */
    record Handshake(int status, String statusLine, Map<String, String> headers) {}

    WebSocketStreams(InputStream in, OutputStream out) {
        this.rawIn = in;
        this.rawOut = out;
    }

    /**
     * Sends the upgrade request and reads the answer's head.
     *
     * @throws NotHttpException when the answer does not start with {@code HTTP/}
     */
    Handshake upgrade(String host, int port, String path) throws IOException {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: mqtt\r\nUser-Agent: rung-doctor\r\n\r\n";
        rawOut.write(request.getBytes(StandardCharsets.US_ASCII));
        rawOut.flush();
        String head = readHead();
        if (!head.startsWith("HTTP/")) throw new NotHttpException(head.isEmpty() ? -1 : head.charAt(0));
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0)
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
        }
        String[] status = lines[0].split(" ", 3);
        int code = status.length > 1 && status[1].matches("\\d{3}") ? Integer.parseInt(status[1]) : -1;
        Handshake h = new Handshake(code, lines[0], headers);
        if (code == 101 && !accept(key).equals(headers.getOrDefault("sec-websocket-accept", ""))) {
            throw new IOException("the server's Sec-WebSocket-Accept does not match the key sent");
        }
        return h;
    }

    /** The answer did not look like HTTP at all. */
    static final class NotHttpException extends IOException {
        private static final long serialVersionUID = 1L;
        final int firstByte;

        NotHttpException(int firstByte) {
            super("the answer is not HTTP");
            this.firstByte = firstByte;
        }
    }

    InputStream in() {
        return new FrameInput();
    }

    OutputStream out() {
        return new FrameOutput();
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (head.size() < MAX_HEAD) {
            int b = rawIn.read();
            if (b < 0) {
                if (head.size() == 0) throw new EOFException("connection closed without an answer");
                break;
            }
            head.write(b);
            if (head.size() == 1 && b != 'H') break; // not HTTP: stop at once, the caller explains
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) break;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this Java runtime", e);
        }
    }

    /** Buffers writes; each flush sends one masked binary frame. */
    private final class FrameOutput extends OutputStream {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            buffer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            byte[] payload = buffer.toByteArray();
            buffer.reset();
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x82); // FIN, binary
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else {
                frame.write(0x80 | 126);
                frame.write(payload.length >> 8);
                frame.write(payload.length & 0xff);
            }
            byte[] mask = new byte[4];
            random.nextBytes(mask);
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) frame.write(payload[i] ^ mask[i % 4]);
            rawOut.write(frame.toByteArray());
            rawOut.flush();
        }
    }

    /** The payload bytes of binary and continuation frames; a close frame ends the stream, pings are skipped. */
    private final class FrameInput extends InputStream {
        private byte[] current = new byte[0];
        private int pos;

        @Override
        public int read() throws IOException {
            while (pos >= current.length) {
                if (!nextFrame()) return -1;
            }
            return current[pos++] & 0xff;
        }

        private boolean nextFrame() throws IOException {
            int b0 = rawIn.read();
            int b1 = rawIn.read();
            if (b0 < 0 || b1 < 0) return false;
            int opcode = b0 & 0x0f;
            long length = b1 & 0x7f;
            if (length == 126) length = (rawIn.read() << 8) | rawIn.read();
            else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) length = (length << 8) | rawIn.read();
            }
            byte[] mask = (b1 & 0x80) != 0 ? rawIn.readNBytes(4) : null;
            byte[] data = rawIn.readNBytes((int) Math.min(length, Integer.MAX_VALUE));
            if (mask != null) for (int i = 0; i < data.length; i++) data[i] ^= mask[i % 4];
            if (opcode == 0x8) return false;
            current = opcode == 0x0 || opcode == 0x2 ? data : new byte[0];
            pos = 0;
            return true;
        }
    }
}

package io.rung.broker.websocket;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's WebSocket client, sending exact MQTT bytes in binary frames of our choosing and collecting what comes
 * back, for tests of packets split across frames and several packets in one frame.
 */
final class RawWebSocket implements AutoCloseable {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private RawWebSocket(URI uri, String... subprotocols) throws Exception {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (subprotocols.length > 0)
            b = b.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        this.socket = b.buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                        synchronized (received) {
                            byte[] bytes = new byte[data.remaining()];
                            data.get(bytes);
                            received.writeBytes(bytes);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closed.complete(-1);
                    }
                })
                .get(10, TimeUnit.SECONDS);
    }

    /** Opens a WebSocket; a refused upgrade throws (an ExecutionException around the JDK's handshake exception). */
    static RawWebSocket open(URI uri, String... subprotocols) throws Exception {
        return new RawWebSocket(uri, subprotocols);
    }

    /** Sends {@code bytes} as one binary frame; {@code last = false} starts or continues a fragmented message. */
    void send(byte[] bytes, boolean last) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(bytes), last).get(5, TimeUnit.SECONDS);
    }

    void sendText(String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    /** True once the server closed the WebSocket or the connection. */
    boolean isClosed() {
        return closed.isDone() || socket.isInputClosed();
    }

    @Override
    public void close() {
        socket.abort();
    }
}

package io.rung.broker.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One MQTT 3.1.1 connection of the load generator: encodes and decodes the few packets it needs by hand on a Netty
 * event loop (no per-message objects besides the buffers), publishes from a pump that respects TCP writability
 * (QoS 0) or a window of unacknowledged messages (QoS 1), and reports every received sequence number.
 */
final class BenchClient extends ByteToMessageDecoder {
    /** Receives the publisher id and sequence number of every delivered message, on the event loop. */
    interface Sink {
        void received(int publisherId, long seq);
    }

    private static final int BURST = 256;

    private final String clientId;
    private final Sink sink;
    private final CompletableFuture<Void> connAck = new CompletableFuture<>();
    private final CompletableFuture<Void> subAck = new CompletableFuture<>();
    private final CompletableFuture<Void> published = new CompletableFuture<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private Channel channel;

    // publishing state, touched only on the event loop
    private byte[] topic;
    private int qos;
    private int payloadSize;
    private int publisherId;
    private long maxMessages;
    private long deadline;
    private int window;
    private int inflight;
    private int nextPacketId = 1;
    private boolean publishing;

    private BenchClient(String clientId, Sink sink) {
        this.clientId = clientId;
        this.sink = sink;
    }

    /** Opens a connection and completes once the CONNACK accepted it. */
    static CompletableFuture<BenchClient> connect(
            Bootstrap bootstrap, String host, int port, String clientId, Sink sink) {
        BenchClient client = new BenchClient(clientId, sink);
        ChannelFuture f = bootstrap.clone().handler(client).connect(host, port);
        return toFuture(f)
                .thenCompose(ch -> {
                    client.channel = ch;
                    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
                    ByteBuf buf = ch.alloc().buffer();
                    int remaining = 10 + 2 + id.length;
                    buf.writeByte(0x10);
                    writeVarint(buf, remaining);
                    buf.writeShort(4)
                            .writeBytes("MQTT".getBytes(StandardCharsets.US_ASCII))
                            .writeByte(4)
                            .writeByte(0x02)
                            .writeShort(120)
                            .writeShort(id.length)
                            .writeBytes(id);
                    ch.writeAndFlush(buf);
                    return client.connAck;
                })
                .thenApply(v -> client);
    }

    private static CompletableFuture<Channel> toFuture(ChannelFuture f) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        f.addListener(done -> {
            if (done.isSuccess()) result.complete(f.channel());
            else result.completeExceptionally(done.cause());
        });
        return result;
    }

    CompletableFuture<Void> subscribe(String filter, int subQos) {
        byte[] f = filter.getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = channel.alloc().buffer();
        buf.writeByte(0x82);
        writeVarint(buf, 2 + 2 + f.length + 1);
        buf.writeShort(1).writeShort(f.length).writeBytes(f).writeByte(subQos);
        channel.writeAndFlush(buf);
        return subAck;
    }

    /** Starts publishing on the event loop; the future completes when the last message is sent (QoS 0) or acked. */
    CompletableFuture<Void> publish(
            String toTopic, int publishQos, int size, int id, long max, long deadlineNanos, int inflightWindow) {
        channel.eventLoop().execute(() -> {
            topic = toTopic.getBytes(StandardCharsets.UTF_8);
            qos = publishQos;
            payloadSize = Math.max(size, 12);
            publisherId = id;
            maxMessages = max;
            deadline = deadlineNanos;
            window = inflightWindow;
            publishing = true;
            pump();
        });
        return published;
    }

    long sent() {
        return sent.get();
    }

    long acked() {
        return acked.get();
    }

    void close() {
        if (channel != null) channel.close().syncUninterruptibly();
    }

    private void pump() {
        int burst = 0;
        while (publishing && burst < BURST) {
            if (sent.get() >= maxMessages || System.nanoTime() - deadline >= 0) {
                publishing = false;
                if (qos == 0 || inflight == 0) published.complete(null);
                break;
            }
            if (qos == 0 ? !channel.isWritable() : inflight >= window) break;
            channel.write(publishPacket(sent.get()), channel.voidPromise());
            sent.incrementAndGet();
            if (qos > 0) inflight++;
            burst++;
        }
        channel.flush();
        if (publishing && burst == BURST) channel.eventLoop().execute(this::pump);
    }

    private ByteBuf publishPacket(long seq) {
        int remaining = 2 + topic.length + (qos > 0 ? 2 : 0) + payloadSize;
        ByteBuf buf = channel.alloc().ioBuffer(remaining + 5);
        buf.writeByte(0x30 | qos << 1);
        writeVarint(buf, remaining);
        buf.writeShort(topic.length).writeBytes(topic);
        if (qos > 0) {
            buf.writeShort(nextPacketId);
            nextPacketId = nextPacketId == 0xFFFF ? 1 : nextPacketId + 1;
        }
        buf.writeInt(publisherId).writeLong(seq).writeZero(payloadSize - 12);
        return buf;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 2) {
            in.markReaderIndex();
            int first = in.readUnsignedByte();
            int length = readVarint(in);
            if (length < 0 || in.readableBytes() < length) {
                in.resetReaderIndex();
                return;
            }
            int end = in.readerIndex() + length;
            handle(ctx, first >> 4, first & 0x0F, in, length);
            in.readerIndex(end);
        }
    }

    private void handle(ChannelHandlerContext ctx, int type, int flags, ByteBuf in, int length) {
        switch (type) {
            case 2 -> {
                int rc = in.getUnsignedByte(in.readerIndex() + 1);
                if (rc == 0) connAck.complete(null);
                else connAck.completeExceptionally(new IllegalStateException(clientId + " refused with code " + rc));
            }
            case 9 -> subAck.complete(null);
            case 3 -> {
                int pubQos = (flags >> 1) & 3;
                int topicLength = in.readUnsignedShort();
                in.skipBytes(topicLength);
                int packetId = pubQos > 0 ? in.readUnsignedShort() : 0;
                sink.received(in.readInt(), in.readLong());
                if (pubQos == 1)
                    ctx.write(
                            ctx.alloc().ioBuffer(4).writeByte(0x40).writeByte(2).writeShort(packetId),
                            ctx.voidPromise());
            }
            case 4 -> {
                inflight--;
                acked.incrementAndGet();
                if (!publishing && inflight == 0) published.complete(null);
                else pump();
            }
            default -> {}
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        ctx.flush();
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable() && publishing) pump();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        IllegalStateException lost = new IllegalStateException(clientId + " lost its connection");
        connAck.completeExceptionally(lost);
        subAck.completeExceptionally(lost);
        published.completeExceptionally(lost);
        super.channelInactive(ctx);
    }

    @Override
    public boolean isSharable() {
        return false;
    }

    private static void writeVarint(ByteBuf buf, int value) {
        int v = value;
        do {
            int digit = v % 128;
            v /= 128;
            buf.writeByte(v > 0 ? digit | 0x80 : digit);
        } while (v > 0);
    }

    /** The remaining length, or -1 when not all of its bytes have arrived. */
    private static int readVarint(ByteBuf in) {
        int value = 0;
        int multiplier = 1;
        for (int i = 0; i < 4; i++) {
            if (!in.isReadable()) return -1;
            int b = in.readUnsignedByte();
            value += (b & 0x7F) * multiplier;
            if ((b & 0x80) == 0) return value;
            multiplier *= 128;
        }
        throw new IllegalStateException("remaining length longer than 4 bytes");
    }
}

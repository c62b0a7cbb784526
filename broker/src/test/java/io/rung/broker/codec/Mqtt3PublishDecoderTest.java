package io.rung.broker.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

/**
 * The fast path for MQTT 3.1.1 PUBLISH gives exactly what Netty's decoder gives, and leaves every other case to it
 * (MQTT 3.1.1 §3.3).
 */
class Mqtt3PublishDecoderTest {
    /** The inbound chain of a connection whose CONNECT said MQTT 3.1.1; {@code fast} false leaves out the fast path. */
    private static EmbeddedChannel channel(boolean fast) {
        EmbeddedChannel ch = new EmbeddedChannel();
        if (fast) {
            ch.attr(AttributeKey.<MqttVersion>valueOf("NETTY_CODEC_MQTT_VERSION"))
                    .set(MqttVersion.MQTT_3_1_1);
        }
        FrameDecoder frames = new FrameDecoder(1000);
        ch.pipeline().addLast(frames, new MqttDecoder(1000, 65_535, true), new DecodedCounter(frames));
        return ch;
    }

    private static MqttMessage decode(boolean fast, String hex) {
        EmbeddedChannel ch = channel(fast);
        ch.writeInbound(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex.replace(" ", ""))));
        MqttMessage m = ch.readInbound();
        assertThat(m).isNotNull();
        return m;
    }

    /** What a test compares: every field of a decoded PUBLISH, or the failure. */
    private static String describe(MqttMessage m) {
        try {
            if (m.decoderResult().isFailure()) {
                return "failed: "
                        + DecodeFailure.of(m.decoderResult().cause(), 1000).reason();
            }
            MqttPublishMessage p = (MqttPublishMessage) m;
            var h = p.fixedHeader();
            return h.messageType() + " dup=" + h.isDup() + " qos=" + h.qosLevel() + " retain=" + h.isRetain()
                    + " remaining=" + h.remainingLength() + " topic="
                    + p.variableHeader().topicName()
                    + " id=" + p.variableHeader().packetId() + " payload=" + ByteBufUtil.hexDump(p.payload());
        } finally {
            ReferenceCountUtil.release(m);
        }
    }

    private static void sameAsNetty(String hex) {
        assertThat(describe(decode(true, hex))).isEqualTo(describe(decode(false, hex)));
    }

    @Test
    void asciiTopicQos1WithDupAndRetainDecodesLikeNetty() {
        String hex = "3b 0a 00 03 61 2f 62 12 34 68 69 21"; // DUP, QoS 1, RETAIN, 'a/b', id 0x1234, "hi!"
        MqttMessage m = decode(true, hex);
        assertThat(m.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBLISH);
        assertThat(((MqttPublishMessage) m).variableHeader().topicName()).isEqualTo("a/b");
        ReferenceCountUtil.release(m);
        sameAsNetty(hex);
    }

    @Test
    void onlyPlainAsciiTopicsWithoutWildcardsTakeTheFastPath() {
        assertThat(fastPathTakes("30 05 00 03 61 2f 62")).isTrue();
        assertThat(fastPathTakes("30 06 00 02 c3 a9 68 69")).isFalse();
        assertThat(fastPathTakes("30 05 00 03 61 2f 23")).isFalse();
        assertThat(fastPathTakes("30 02 00 00")).isFalse(); // empty topic
        assertThat(fastPathTakes("82 06 00 01 00 01 61 00")).isFalse(); // SUBSCRIBE
    }

    private static boolean fastPathTakes(String hex) {
        var buf = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex.replace(" ", "")));
        MqttPublishMessage m = Mqtt3PublishDecoder.decode(buf, buf.readableBytes());
        boolean taken = m != null;
        assertThat(buf.readerIndex()).isEqualTo(taken ? buf.writerIndex() : 0);
        ReferenceCountUtil.release(m);
        buf.release();
        return taken;
    }

    @Test
    void qos0WithEmptyPayloadDecodesLikeNetty() {
        sameAsNetty("30 05 00 03 61 2f 62");
    }

    @Test
    void nonAsciiTopicIsLeftToNettysStrictUtf8Decoder() {
        sameAsNetty("30 06 00 02 c3 a9 68 69"); // 'é'
        assertThat(describe(decode(true, "30 06 00 02 c3 28 68 69"))).startsWith("failed"); // malformed UTF-8
        assertThat(describe(decode(true, "30 05 00 01 00 68 69"))).startsWith("failed"); // U+0000 [MQTT-1.5.4-2]
    }

    @Test
    void casesNettyRefusesAreStillRefused() {
        // [MQTT-3.3.2-2] wildcards in a topic name; [MQTT-2.3.1-1] packet id 0; QoS 3 [MQTT-3.3.1-4]
        assertThat(describe(decode(true, "30 05 00 03 61 2f 2b"))).startsWith("failed");
        assertThat(describe(decode(true, "32 07 00 03 61 2f 62 00 00"))).startsWith("failed");
        assertThat(describe(decode(true, "36 07 00 03 61 2f 62 00 01"))).startsWith("failed");
        sameAsNetty("30 05 00 03 61 2f 2b");
    }

    @Test
    void topicRunningPastThePacketIsMalformed() {
        assertThat(describe(decode(true, "30 05 00 64 61 62 63"))).startsWith("failed");
    }
}

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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inbound codec chain (frame splitter, Netty's decoder, counter) fed with exact bytes. */
class FrameDecoderTest {
    private static EmbeddedChannel channel(long maxPacketSize, boolean v5) {
        FrameDecoder frames = new FrameDecoder(maxPacketSize);
        EmbeddedChannel ch = new EmbeddedChannel();
        if (v5)
            ch.attr(AttributeKey.<MqttVersion>valueOf("NETTY_CODEC_MQTT_VERSION"))
                    .set(MqttVersion.MQTT_5);
        ch.pipeline().addLast(frames, new MqttDecoder((int) maxPacketSize, 65_535, true), new DecodedCounter(frames));
        return ch;
    }

    private static List<MqttMessage> feed(EmbeddedChannel ch, String... hexChunks) {
        for (String hex : hexChunks)
            ch.writeInbound(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex.replace(" ", ""))));
        List<MqttMessage> out = new ArrayList<>();
        Object m;
        while ((m = ch.readInbound()) != null) out.add((MqttMessage) m);
        return out;
    }

    private static String failure(MqttMessage m) {
        assertThat(m.decoderResult().isFailure()).as("decoding failed").isTrue();
        return DecodeFailure.of(m.decoderResult().cause(), 1000).reason();
    }

    @Test
    void packetsSplitAcrossReadsAndPackedTogetherAreDecoded() {
        EmbeddedChannel ch = channel(1000, false);
        // PUBLISH QoS 0 'a/b' "hi" split in the middle, then two PINGREQs in one read
        List<MqttMessage> out = feed(ch, "30 07 00 03 61", "2f 62 68 69 c0 00 c0 00");
        assertThat(out)
                .extracting(x -> x.fixedHeader().messageType())
                .containsExactly(MqttMessageType.PUBLISH, MqttMessageType.PINGREQ, MqttMessageType.PINGREQ);
        MqttPublishMessage p = (MqttPublishMessage) out.get(0);
        assertThat(p.variableHeader().topicName()).isEqualTo("a/b");
        assertThat(ByteBufUtil.getBytes(p.payload())).containsExactly('h', 'i');
        out.forEach(ReferenceCountUtil::release);
    }

    @Test
    void topicLongerThanThePacketIsMalformedInsteadOfEatingTheNextPacket() {
        EmbeddedChannel ch = channel(1000, false);
        List<MqttMessage> out = feed(ch, "30 05 00 64 61 62 63 c0 00");
        assertThat(out).hasSize(1);
        assertThat(failure(out.get(0))).isEqualTo("a field runs past the end of the packet");
    }

    @Test
    void remainingLengthOfFiveBytesIsMalformed() {
        // MQTT 5 §1.5.5: a Variable Byte Integer has at most four bytes
        List<MqttMessage> out = feed(channel(1000, false), "30 ff ff ff ff 01");
        assertThat(failure(out.get(0))).isEqualTo("remaining length longer than 4 bytes");
    }

    @Test
    void packetAboveMaximumPacketSizeIsRefusedBeforeItArrives() {
        List<MqttMessage> out = feed(channel(10, false), "30 0a 00 03 61 2f 62");
        assertThat(out).hasSize(1);
        DecodeFailure f = DecodeFailure.of(out.get(0).decoderResult().cause(), 10);
        assertThat(f.v5Reason()).isEqualTo(0x95);
    }

    @Test
    void packetOfExactlyMaximumPacketSizeIsAccepted() {
        // 1 + 1 + 8 = 10 bytes in total
        List<MqttMessage> out = feed(channel(10, false), "30 08 00 03 61 2f 62 78 79 7a");
        assertThat(out.get(0).decoderResult().isSuccess())
                .as("%s", out.get(0).decoderResult())
                .isTrue();
        out.forEach(ReferenceCountUtil::release);
    }

    @Test
    void qos3IsMalformed() {
        // [MQTT-3.3.1-4]
        List<MqttMessage> out = feed(channel(1000, false), "36 07 00 01 61 00 01 78 79");
        assertThat(failure(out.get(0))).startsWith("invalid QoS");
    }

    @Test
    void wildcardInPublishTopicIsTopicNameInvalid() {
        List<MqttMessage> out = feed(channel(1000, false), "30 05 00 03 61 2f 23");
        assertThat(DecodeFailure.of(out.get(0).decoderResult().cause(), 1000).v5Reason())
                .isEqualTo(0x90);
    }

    @Test
    void invalidUtf8AndNulInTopicsAreMalformed() {
        // [MQTT-1.5.4-1], [MQTT-1.5.4-2]
        assertThat(failure(feed(channel(1000, false), "30 04 00 02 c3 28").get(0)))
                .isEqualTo("invalid UTF-8 string");
        assertThat(failure(feed(channel(1000, false), "30 04 00 02 61 00").get(0)))
                .isEqualTo("invalid UTF-8 string");
    }

    @Test
    void reservedFlagsOnPubRelAreMalformed() {
        // [MQTT-3.6.1-1] PUBREL flags must be 0010
        assertThat(failure(feed(channel(1000, false), "60 02 00 01").get(0))).contains("fixed header");
    }

    @Test
    void duplicatePublishPropertyIsMalformedInMqtt5() {
        // PUBLISH QoS 0 'a', properties: payload format 0, payload format 0; payload "x"
        List<MqttMessage> out = feed(channel(1000, true), "30 09 00 01 61 04 01 00 01 00 78");
        assertThat(failure(out.get(0))).isEqualTo("property 0x1 appears twice in PUBLISH");
    }

    @Test
    void afterTheFirstFailureEverythingIsDiscarded() {
        EmbeddedChannel ch = channel(1000, false);
        List<MqttMessage> out = feed(ch, "30 ff ff ff ff 01", "c0 00");
        assertThat(out).hasSize(1);
    }
}

package io.rung.broker.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** mosquitto's bridge flag (protocol level 0x83 / 0x84) through the inbound codec chain, fed with exact bytes. */
class BridgeFlagTest {
    /** CONNECT "MQTT" level 0x84, clean session, keep-alive 60, client id "a". */
    private static final String CONNECT_311_BRIDGE = "10 0d 00 04 4d 51 54 54 84 02 00 3c 00 01 61";

    private static EmbeddedChannel channel() {
        FrameDecoder frames = new FrameDecoder(1000);
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(frames, new MqttDecoder(1000, 65_535, true), new DecodedCounter(frames));
        return ch;
    }

    private static ByteBuf bytes(String hex) {
        return Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex.replace(" ", "")));
    }

    private static List<MqttMessage> feed(EmbeddedChannel ch, ByteBuf... chunks) {
        for (ByteBuf b : chunks) ch.writeInbound(b);
        List<MqttMessage> out = new ArrayList<>();
        Object m;
        while ((m = ch.readInbound()) != null) out.add((MqttMessage) m);
        return out;
    }

    @Test
    void mqtt311ConnectWithBridgeFlagDecodesAsLevel4AndMarksTheChannel() {
        EmbeddedChannel ch = channel();
        List<MqttMessage> out = feed(ch, bytes(CONNECT_311_BRIDGE));
        assertThat(out).hasSize(1);
        MqttConnectMessage connect = (MqttConnectMessage) out.get(0);
        assertThat(connect.decoderResult().isSuccess()).isTrue();
        assertThat(connect.variableHeader().version()).isEqualTo(4);
        assertThat(connect.payload().clientIdentifier()).isEqualTo("a");
        assertThat(BridgeFlag.isSet(ch)).isTrue();
    }

    @Test
    void mqtt31ConnectWithBridgeFlagDecodesAsLevel3() {
        EmbeddedChannel ch = channel();
        List<MqttMessage> out = feed(ch, bytes("10 0f 00 06 4d 51 49 73 64 70 83 02 00 3c 00 01 61"));
        assertThat(((MqttConnectMessage) out.get(0)).variableHeader().version()).isEqualTo(3);
        assertThat(BridgeFlag.isSet(ch)).isTrue();
    }

    @Test
    void plainConnectDoesNotMarkTheChannel() {
        EmbeddedChannel ch = channel();
        List<MqttMessage> out = feed(ch, bytes(CONNECT_311_BRIDGE.replace(" 84 ", " 04 ")));
        assertThat(((MqttConnectMessage) out.get(0)).variableHeader().version()).isEqualTo(4);
        assertThat(BridgeFlag.isSet(ch)).isFalse();
    }

    @Test
    void bridgeFlagOnLevel5OrAnotherHighBitIsStillAnUnsupportedVersion() {
        // [MQTT-3.1.2-2] only 0x83 and 0x84 are mosquitto's bridge levels; 0x85 and 0x44 stay unsupported
        for (String level : List.of("85", "44")) {
            EmbeddedChannel ch = channel();
            List<MqttMessage> out = feed(ch, bytes(CONNECT_311_BRIDGE.replace(" 84 ", " " + level + " ")));
            assertThat(out).hasSize(1);
            assertThat(out.get(0).decoderResult().cause())
                    .as("level 0x" + level)
                    .isInstanceOf(MqttUnacceptableProtocolVersionException.class);
            assertThat(BridgeFlag.isSet(ch)).isFalse();
        }
    }

    @Test
    void connectSplitAcrossReadsWithAPingBehindItIsStripped() {
        EmbeddedChannel ch = channel();
        List<MqttMessage> out = feed(ch, bytes("10 0d 00 04 4d 51"), bytes("54 54 84 02 00 3c 00 01 61 c0 00"));
        assertThat(out)
                .extracting(m -> m.fixedHeader().messageType())
                .containsExactly(MqttMessageType.CONNECT, MqttMessageType.PINGREQ);
        assertThat(BridgeFlag.isSet(ch)).isTrue();
    }

    @Test
    void readOnlyBufferIsCopiedBeforeTheFlagIsCleared() {
        EmbeddedChannel ch = channel();
        ByteBuf readOnly = bytes(CONNECT_311_BRIDGE).asReadOnly();
        List<MqttMessage> out = feed(ch, readOnly);
        assertThat(((MqttConnectMessage) out.get(0)).variableHeader().version()).isEqualTo(4);
        assertThat(BridgeFlag.isSet(ch)).isTrue();
        assertThat(readOnly.refCnt()).isZero();
    }

    @Test
    void levelByteInASecondConnectIsLeftAlone() {
        // only the first packet can be the CONNECT that opens the connection; a second one is a protocol error
        EmbeddedChannel ch = channel();
        List<MqttMessage> out = feed(ch, bytes(CONNECT_311_BRIDGE.replace(" 84 ", " 04 ") + " " + CONNECT_311_BRIDGE));
        assertThat(out).hasSize(2);
        assertThat(out.get(1).decoderResult().isFailure()).isTrue();
        assertThat(BridgeFlag.isSet(ch)).isFalse();
    }
}

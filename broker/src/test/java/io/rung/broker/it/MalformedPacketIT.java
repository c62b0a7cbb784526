package io.rung.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.broker.it.support.BrokerExtension;
import io.rung.broker.it.support.Packet;
import io.rung.broker.it.support.Props;
import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.RawClient;
import io.rung.broker.it.support.RawConnect;
import io.rung.broker.it.support.RawPackets;
import io.rung.broker.it.support.TestClient;
import io.rung.broker.it.support.Wire;
import io.rung.broker.it.support.Witness;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Protocol violations from the normative statements, sent as exact bytes: each closes only the offending connection
 * (MQTT 5 clients get a DISCONNECT with an error reason first), and a client connected before is unharmed.
 */
class MalformedPacketIT {
    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.withDefaults();

    private Witness witness;

    @BeforeEach
    void connectWitness() {
        witness = Witness.connect(broker);
    }

    private static RawClient connected(Protocol p, String clientId) {
        RawClient raw = broker.raw();
        assertThat(raw.connect(RawConnect.of(p, clientId)).connAckCode()).isZero();
        return raw;
    }

    /** The broker closes the connection; an MQTT 5 client first gets exactly one DISCONNECT with an error reason. */
    private void assertClosedForViolation(Protocol p, RawClient raw, Integer... v5Reasons) {
        List<Packet> before = raw.awaitClosed();
        if (p.isV5()) {
            assertThat(before)
                    .as("MQTT 5 DISCONNECT before close")
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.type()).isEqualTo(RawPackets.DISCONNECT);
                        assertThat(d.disconnectReason())
                                .isIn((Object[]) (v5Reasons.length > 0 ? v5Reasons : new Integer[] {0x81, 0x82}));
                    });
        } else {
            assertThat(before)
                    .as("nothing sent before closing a 3.1.1 connection")
                    .isEmpty();
        }
        witness.assertUnharmed();
    }

    @ParameterizedTest
    @ValueSource(strings = {"c0 00", "30 06 00 01 61 68 69 21", "82 06 00 01 00 01 61 00", "e0 00"})
    @DisplayName("[MQTT-3.1.0-1] the first packet must be CONNECT")
    void firstPacketMustBeConnect(String hex) {
        RawClient raw = broker.raw();
        raw.send(Wire.hex(hex));
        assertThat(raw.awaitClosed()).as("no answer to a packet before CONNECT").isEmpty();
        witness.assertUnharmed();
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    @DisplayName("[MQTT-3.1.0-2] a second CONNECT is a protocol violation")
    void secondConnectClosesConnection(Protocol p) {
        RawClient raw = connected(p, "twice-" + p.level());
        raw.send(RawConnect.of(p, "twice-" + p.level()).build());
        assertClosedForViolation(p, raw, 0x82);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    @DisplayName("[MQTT-3.1.2-3] the reserved CONNECT flag must be 0")
    void connectReservedFlagMustBeZero(Protocol p) {
        RawClient raw = broker.raw();
        raw.send(RawConnect.of(p, "reserved-" + p.level()).reservedFlag().build());
        assertThat(raw.awaitClosed())
                .allSatisfy(pk -> assertThat(pk.connAckCode()).isGreaterThanOrEqualTo(0x80));
        witness.assertUnharmed();
    }

    static Stream<Arguments> wildcardTopics() {
        return Stream.of(Protocol.V311, Protocol.V5)
                .flatMap(p -> Stream.of("malformed/+", "malformed/#", "+").map(t -> Arguments.of(p, t)));
    }

    @ParameterizedTest
    @MethodSource("wildcardTopics")
    @DisplayName("[MQTT-3.3.2-2] a PUBLISH topic must not contain wildcards")
    void wildcardInPublishTopicClosesConnection(Protocol p, String topic) {
        TestClient sub = broker.connected(p, "wild-watch-" + p.level());
        sub.subscribe("malformed/#", 0);
        RawClient raw = connected(p, "wild-pub-" + p.level());
        raw.send(RawPackets.publish(p, topic, 0, 0, "wild"));
        assertClosedForViolation(p, raw, 0x81, 0x82, 0x90);
        sub.publish("malformed/end", "end", 1);
        sub.awaitMessage("end");
        assertThat(sub.count("wild")).isZero();
    }

    static Stream<Arguments> badUtf8() {
        return Stream.of(Protocol.V311, Protocol.V5)
                .flatMap(p -> Stream.of("61 c3 28", "ed a0 80", "c0 80", "ff").map(hex -> Arguments.of(p, hex)));
    }

    @ParameterizedTest
    @MethodSource("badUtf8")
    @DisplayName(
            "[MQTT-1.5.3-1] ill-formed UTF-8 (including surrogates and overlong forms) in a topic closes the connection")
    void badUtf8InTopicClosesConnection(Protocol p, String topicHex) {
        RawClient raw = connected(p, "utf8-" + p.level());
        raw.send(RawPackets.publishRaw(p, 0, Wire.hex(topicHex), 0, Props.of(), Wire.bytes("x")));
        assertClosedForViolation(p, raw);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    @DisplayName("[MQTT-1.5.3-2] a topic must not contain U+0000")
    void nullCharacterInTopicClosesConnection(Protocol p) {
        RawClient raw = connected(p, "nul-" + p.level());
        raw.send(RawPackets.publishRaw(p, 0, Wire.hex("61 00 62"), 0, Props.of(), Wire.bytes("x")));
        assertClosedForViolation(p, raw);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    @DisplayName("[MQTT-4.7.3-1] a topic name must be at least one character long")
    void emptyTopicWithoutAliasClosesConnection(Protocol p) {
        RawClient raw = connected(p, "empty-" + p.level());
        raw.send(RawPackets.publish(p, "", 0, 0, "x"));
        assertClosedForViolation(p, raw);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    @DisplayName("MQTT 5 §1.5.5 / 3.1.1 §2.2.3: a remaining length of more than four bytes is malformed")
    void fiveByteRemainingLengthClosesConnection(Protocol p) {
        RawClient raw = connected(p, "varint-" + p.level());
        raw.send(Wire.hex("30 ff ff ff ff 7f"));
        assertClosedForViolation(p, raw);
    }

    @Test
    @DisplayName("a CONNECT whose fields run past its remaining length is malformed")
    void truncatedConnectClosesConnection() {
        RawClient raw = broker.raw();
        raw.send(Wire.hex("10 05 00 04 4d 51 54"));
        assertThat(raw.awaitClosed())
                .allSatisfy(pk -> assertThat(pk.connAckCode()).isGreaterThanOrEqualTo(0x80));
        witness.assertUnharmed();
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    @DisplayName("a topic length that runs past the PUBLISH packet is malformed")
    void topicLongerThanPacketClosesConnection(Protocol p) {
        RawClient raw = connected(p, "short-" + p.level());
        raw.send(Wire.hex("30 05 00 64 61 62 63"));
        assertClosedForViolation(p, raw);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    @DisplayName("[MQTT-3.3.1-4] a PUBLISH with both QoS bits set closes the connection")
    void qos3ClosesConnection(Protocol p) {
        RawClient raw = connected(p, "qos3-" + p.level());
        raw.send(RawPackets.publishRaw(p, 0x06, Wire.bytes("q/3"), 1, Props.of(), Wire.bytes("x")));
        assertClosedForViolation(p, raw);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    @DisplayName("[MQTT-3.3.1-2] DUP must be 0 for QoS 0")
    void dupWithQos0ClosesConnection(Protocol p) {
        RawClient raw = connected(p, "dup0-" + p.level());
        raw.send(RawPackets.publishRaw(p, 0x08, Wire.bytes("d/0"), 0, Props.of(), Wire.bytes("x")));
        assertClosedForViolation(p, raw);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    @DisplayName("[MQTT-2.3.1-1] a QoS 1 PUBLISH needs a non-zero packet identifier")
    void zeroPacketIdClosesConnection(Protocol p) {
        RawClient raw = connected(p, "pid0-" + p.level());
        raw.send(RawPackets.publish(p, "p/0", 1, 0, "x"));
        assertClosedForViolation(p, raw);
    }

    static Stream<Arguments> reservedFlags() {
        return Stream.of(Protocol.V311, Protocol.V5)
                .flatMap(p -> Stream.of(
                        Arguments.of(
                                p,
                                "[MQTT-3.8.1-1] SUBSCRIBE flags 0",
                                flags(RawPackets.subscribe(p, 1, "f/x", 0), 0x80)),
                        Arguments.of(
                                p,
                                "[MQTT-3.10.1-1] UNSUBSCRIBE flags 0",
                                flags(RawPackets.unsubscribe(p, 1, "f/x"), 0xA0)),
                        Arguments.of(p, "[MQTT-3.6.1-1] PUBREL flags 0", Wire.hex("60 02 00 01")),
                        Arguments.of(p, "[MQTT-2.2.2-2] PINGREQ flags 1", Wire.hex("c1 00")),
                        Arguments.of(p, "[MQTT-2.2.2-2] PUBACK flags 2", Wire.hex("42 02 00 01")),
                        Arguments.of(p, "[MQTT-2.2.2-2] DISCONNECT flags 1", Wire.hex("e1 00"))));
    }

    private static byte[] flags(byte[] packet, int firstByte) {
        packet[0] = (byte) firstByte;
        return packet;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("reservedFlags")
    @DisplayName("[MQTT-2.2.2-2] reserved fixed-header flags must have their fixed values")
    void wrongReservedFlagsCloseConnection(Protocol p, String statement, byte[] packet) {
        RawClient raw = connected(p, "flags-" + p.level());
        raw.send(packet);
        assertClosedForViolation(p, raw);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    @DisplayName("[MQTT-3.8.3-3] a SUBSCRIBE must contain at least one topic filter")
    void subscribeWithoutFiltersClosesConnection(Protocol p) {
        RawClient raw = connected(p, "nofilter-" + p.level());
        raw.send(p.isV5() ? Wire.hex("82 03 00 01 00") : Wire.hex("82 02 00 01"));
        assertClosedForViolation(p, raw);
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    @DisplayName("[MQTT-2.2.1] packet type 0 is reserved")
    void reservedPacketTypeClosesConnection(Protocol p) {
        RawClient raw = connected(p, "type0-" + p.level());
        raw.send(Wire.hex("00 00"));
        assertClosedForViolation(p, raw);
    }

    @Test
    @DisplayName("MQTT 3.1.1 §2.2.1: packet type 15 is reserved")
    void mqtt311PacketType15ClosesConnection() {
        RawClient raw = connected(Protocol.V311, "type15");
        raw.send(Wire.hex("f0 00"));
        assertClosedForViolation(Protocol.V311, raw);
    }

    static Stream<Arguments> invalidFilters() {
        return Stream.of(Protocol.V311, Protocol.V5)
                .flatMap(p -> Stream.of("a/#/b", "a+/b", "a/b#", "").map(f -> Arguments.of(p, f)));
    }

    @ParameterizedTest
    @MethodSource("invalidFilters")
    @DisplayName("[MQTT-4.7.1-1] [MQTT-4.7.1-2] [MQTT-4.7.1-3] an invalid topic filter is refused")
    void invalidTopicFilterIsRefused(Protocol p, String filter) {
        RawClient raw = connected(p, "badfilter-" + p.level());
        raw.send(RawPackets.subscribe(p, 5, filter, 0));
        // the broker may answer with a failure SUBACK (0x80, MQTT 5: 0x8F) or close the connection
        List<Packet> answer =
                raw.readOrClosed(RawClient.DEFAULT_TIMEOUT).map(List::of).orElse(List.of());
        if (!answer.isEmpty() && answer.get(0).is(RawPackets.SUBACK)) {
            assertThat(answer.get(0).subAckCodes(p)).containsExactly(p.isV5() ? 0x8F : 0x80);
        } else {
            assertThat(answer).allSatisfy(d -> assertThat(d.disconnectReason()).isIn(0x81, 0x82, 0x8F));
        }
        witness.assertUnharmed();
    }

    @Test
    @DisplayName("MQTT 5 §2.2.2.2: an unknown property identifier is malformed")
    void unknownPropertyClosesConnection() {
        RawClient raw = connected(Protocol.V5, "unknown-prop");
        raw.send(Wire.frame(0x30, Wire.utf8("u/p"), Wire.hex("02 7f 01"), Wire.bytes("x")));
        assertClosedForViolation(Protocol.V5, raw);
    }

    @Test
    @DisplayName("MQTT 5 §3.3.2.3: a property that may appear once but appears twice is a protocol error")
    void duplicatePropertyClosesConnection() {
        RawClient raw = connected(Protocol.V5, "dup-prop");
        raw.send(RawPackets.publish(
                Protocol.V5,
                "d/p",
                0,
                false,
                0,
                Props.of().u8(Props.PAYLOAD_FORMAT, 0).u8(Props.PAYLOAD_FORMAT, 0),
                Wire.bytes("x")));
        assertClosedForViolation(Protocol.V5, raw);
    }
}

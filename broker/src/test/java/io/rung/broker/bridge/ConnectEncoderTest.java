package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectEncoderTest {
    private static String encode(ConnectPacket p) {
        EmbeddedChannel ch = new EmbeddedChannel(new ConnectEncoder());
        ch.writeOutbound(p);
        ByteBuf out = ch.readOutbound();
        try {
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    private static ConnectPacket packet(boolean v5, boolean bridgeFlag, long sessionExpiry) {
        return new ConnectPacket(
                v5,
                bridgeFlag,
                "gw",
                true,
                60,
                Optional.of("u"),
                Optional.of("p".getBytes(StandardCharsets.UTF_8)),
                "s",
                "{}".getBytes(StandardCharsets.UTF_8),
                sessionExpiry,
                1024);
    }

    @Test
    void mqtt311BridgeSendsProtocolLevel0x84() {
        // MQTT 3.1.1 §3.1: name "MQTT", level 0x84 (4 + mosquitto's bridge bit), flags: user, password, will
        // retain, will QoS 1, will, clean session = 0xEE, keep-alive 60; then client id, will topic and message,
        // user name, password
        assertThat(encode(packet(false, true, 0)))
                .isEqualTo("10" + "1b" + "00044d515454" + "84" + "ee" + "003c" + "00026777" + "000173" + "00027b7d"
                        + "000175" + "000170");
    }

    @Test
    void mqtt311PlainClientSendsLevel4() {
        assertThat(encode(packet(false, false, 0))).startsWith("101b00044d51545404ee003c");
    }

    @Test
    void mqtt5CarriesSessionExpiryAndMaximumPacketSize() {
        // properties: length 10, 0x11 session expiry 3600, 0x27 maximum packet size 1024; empty will properties
        assertThat(encode(packet(true, true, 3600)))
                .isEqualTo("10" + "27" + "00044d515454" + "05" + "ee" + "003c" + "0a" + "1100000e10" + "2700000400"
                        + "00026777" + "00" + "000173" + "00027b7d" + "000175" + "000170");
    }
}

package io.rung.broker.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.rung.broker.Message;
import io.rung.broker.MessageProperties;
import io.rung.broker.Origin;
import io.rung.broker.routing.Delivery;
import io.rung.broker.routing.Publication;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublishEncoderTest {
    private static String encode(OutboundPublish p) {
        EmbeddedChannel ch = new EmbeddedChannel(PublishEncoder.INSTANCE);
        ch.writeOutbound(p);
        ByteBuf b = ch.readOutbound();
        try {
            assertThat(b.readableBytes()).isEqualTo(PublishEncoder.size(p));
            return ByteBufUtil.hexDump(b);
        } finally {
            b.release();
        }
    }

    private static Publication pub(MessageProperties props) {
        Message m = new Message(
                "a/b", "hi".getBytes(StandardCharsets.UTF_8), 1, false, props, new Origin("p", Optional.empty()));
        return new Publication(1, m);
    }

    @Test
    void mqtt311QoS1PublishHasTopicPacketIdAndPayload() {
        Delivery d = new Delivery(pub(MessageProperties.none()), 1, true, Delivery.NO_IDS);
        assertThat(encode(new OutboundPublish(d, 7, true, false, 0, true, -1)))
                .isEqualTo("3b09" + "0003612f62" + "0007" + "6869");
    }

    @Test
    void mqtt5PublishCarriesSharedPropertiesExpiryIdsAndAlias() {
        MessageProperties props =
                MessageProperties.none().withPayloadFormatUtf8(true).withUserProperties(List.of(Map.entry("k", "v")));
        Delivery d = new Delivery(pub(props), 0, false, new int[] {5, 200});
        // properties: 01 01 | 26 0001 6b 0001 76 | 02 0000003c | 0b 05 | 0b c801 | 23 0001
        String expected = "30" + "1e" + "0003612f62" + "16" + "0101" + "2600016b000176" + "020000003c" + "0b05"
                + "0bc801" + "230001" + "6869";
        assertThat(encode(new OutboundPublish(d, 0, false, true, 1, true, 60))).isEqualTo(expected);
    }

    @Test
    void aliasOnlyPublishSendsAnEmptyTopic() {
        Delivery d = new Delivery(pub(MessageProperties.none()), 0, false, Delivery.NO_IDS);
        assertThat(encode(new OutboundPublish(d, 0, false, true, 3, false, -1)))
                .isEqualTo("3008" + "0000" + "03" + "230003" + "6869");
    }
}

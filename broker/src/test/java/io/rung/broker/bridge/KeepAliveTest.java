package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link KeepAlive} on an embedded channel with a frozen clock: a bridge that writes without pause but reads
 * nothing still sends PINGREQ after a keep-alive, and the link is dead only when nothing arrived by 1.5 ×
 * keep-alive [MQTT-3.1.2-24].
 */
class KeepAliveTest {
    private static final int KEEP_ALIVE = 2;
    private static final MqttMessage PINGRESP =
            new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0));

    private final List<Object> events = new ArrayList<>();
    private EmbeddedChannel channel;

    @BeforeEach
    void open() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new KeepAlive(KEEP_ALIVE), new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt == KeepAlive.TIMEOUT) events.add(evt);
            }
        });
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** Writes a QoS 0 message's worth of bytes every 100 ms for {@code millis}; returns the PINGREQs sent. */
    private int sendFor(long millis) {
        int pings = 0;
        for (long t = 0; t < millis; t += 100) {
            channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
            channel.advanceTimeBy(100, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
                if (o instanceof MqttMessage m && m.fixedHeader().messageType() == MqttMessageType.PINGREQ) pings++;
                else ReferenceCountUtil.release(o);
            }
        }
        return pings;
    }

    @Test
    void continuousSendingWithoutReadsStillSendsPingreqAfterOneKeepAlive() {
        assertThat(sendFor(KEEP_ALIVE * 1000L - 100)).isZero();
        assertThat(sendFor(200)).isEqualTo(1);
        assertThat(events).isEmpty();
    }

    @Test
    void answeredPingreqKeepsAContinuouslySendingLinkAliveForever() {
        for (int round = 0; round < 5; round++) {
            assertThat(sendFor(KEEP_ALIVE * 1000L + 200)).isEqualTo(1);
            channel.writeInbound(PINGRESP);
        }
        assertThat(events).isEmpty();
    }

    @Test
    void linkIsDeadWhenNothingArrivesWithinOneAndAHalfKeepAlives() {
        sendFor(KEEP_ALIVE * 1500L - 200);
        assertThat(events).isEmpty();
        sendFor(300);
        assertThat(events).containsExactly(KeepAlive.TIMEOUT);
    }
}

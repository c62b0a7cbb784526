package io.rung.broker.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.broker.Broker;
import io.rung.broker.BrokerOptions;
import io.rung.broker.LocalClient;
import io.rung.broker.Message;
import io.rung.broker.Origin;
import io.rung.broker.auth.Identity;
import io.rung.config.BrokerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heartbeat mark from {@link LocalClient#publishRepeat} to a bridge's durable handler: set for a live
 * heartbeat, never on the retained copy a later subscription gets (that is the current state, not a repeat).
 */
class RepeatMarkTest {
    @TempDir
    Path tmp;

    private record Tapped(String text, boolean repeat) {}

    private static Message value(String text, boolean retain) {
        return Message.of("building-b/line-1/speed", text.getBytes(StandardCharsets.UTF_8), 1, retain, Origin.broker());
    }

    @Test
    void durableHandlerSeesTheHeartbeatMarkButRetainedCopiesDoNotCarryIt() throws Exception {
        BrokerConfig config =
                BrokerConfig.defaults(tmp).withListeners(List.of()).withSysInterval(Duration.ZERO);
        try (Broker broker = Broker.start(config, BrokerOptions.defaults())) {
            LocalClient gateway = broker.connectLocal(Identity.trusted("$gateway"));
            LocalClient tap = broker.connectLocal(Identity.bridge("cloud"));
            List<Tapped> live = new CopyOnWriteArrayList<>();
            tap.subscribeDurable("building-b/#", 2, true, 0, (m, waits, repeat) -> {
                live.add(new Tapped(new String(m.payload(), StandardCharsets.UTF_8), repeat));
                return CompletableFuture.completedFuture(null);
            });

            gateway.publish(value("1", true)).join();
            gateway.publishRepeat(value("1", true)).join();
            assertThat(live).containsExactly(new Tapped("1", false), new Tapped("1", true));

            List<Tapped> onSubscribe = new CopyOnWriteArrayList<>();
            tap.subscribeDurable("building-b/+/speed", 2, true, 0, (m, waits, repeat) -> {
                onSubscribe.add(new Tapped(new String(m.payload(), StandardCharsets.UTF_8), repeat));
                return CompletableFuture.completedFuture(null);
            });
            assertThat(onSubscribe).containsExactly(new Tapped("1", false));
        }
    }
}

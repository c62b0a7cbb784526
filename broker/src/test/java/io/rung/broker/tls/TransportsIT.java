package io.rung.broker.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.config.ListenerConfig;
import io.rung.config.TlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real client over every listener transport of one broker: plain MQTT, TLS, WebSocket and WSS. */
class TransportsIT {
    @TempDir
    static Path dir;

    static TestPki pki;
    static TestBroker broker;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(java.nio.file.Files.createDirectories(dir.resolve("pki")));
        TestPki.Pair server = pki.server();
        TlsConfig tls = TlsConfig.of(server.cert(), server.key());
        List<ListenerConfig> listeners =
                Arrays.stream(Transport.values()).map(t -> t.listener(tls)).toList();
        broker = TestBroker.with(dir, listeners).start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
    }

    static int port(Transport t) {
        return broker.port(t.ordinal());
    }

    static ClientKind.Target target(Transport t) {
        return ClientKind.Target.of(t, port(t), t.tls() ? pki.clientTls(pki.ca(), null) : null);
    }

    static Stream<Arguments> everyClientOverEveryTransport() {
        return Arrays.stream(Transport.values())
                .flatMap(t -> Arrays.stream(ClientKind.values()).map(k -> Arguments.of(t, k)));
    }

    @ParameterizedTest(name = "{1} over {0}")
    @MethodSource("everyClientOverEveryTransport")
    void clientConnectsSubscribesPublishesAndReceives(Transport transport, ClientKind kind) throws Exception {
        kind.roundTrip(target(transport), (kind + "-" + transport).toLowerCase(Locale.ROOT));
    }

    @Test
    void messagesCrossTransports() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (var ws = ClientKind.HIVEMQ_V5.connect(target(Transport.WS), "cross-ws");
                var tls = ClientKind.PAHO_V3.connect(target(Transport.TLS), "cross-tls");
                var wss = ClientKind.PAHO_V5.connect(target(Transport.WSS), "cross-wss")) {
            ws.subscribe("cross/#", received::add);
            tls.publish("cross/a", "from-tls");
            wss.publish("cross/b", "from-wss");
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            assertThat(received).containsExactlyInAnyOrder("from-tls", "from-wss");
        }
    }

    @Test
    void listenersReportTheirUrls() {
        List<String> urls =
                broker.broker().listeners().stream().map(l -> l.url()).toList();
        assertThat(urls)
                .containsExactly(
                        "mqtt://127.0.0.1:" + port(Transport.TCP),
                        "mqtts://127.0.0.1:" + port(Transport.TLS),
                        "ws://127.0.0.1:" + port(Transport.WS) + "/mqtt",
                        "wss://127.0.0.1:" + port(Transport.WSS) + "/mqtt");
    }
}

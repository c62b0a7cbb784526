package io.rung.broker.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.broker.browser.BrowserMqttClient;
import io.rung.broker.browser.BrowserMqttClient.Attempt;
import io.rung.broker.tls.LogCapture;
import io.rung.broker.tls.TestBroker;
import io.rung.broker.tls.TestPki;
import io.rung.broker.tls.Transport;
import io.rung.config.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** MQTT.js in headless Chromium, the path a phone's browser takes, over ws:// and wss:// with a password. */
class BrowserIT {
    @TempDir
    static Path dir;

    static TestBroker broker;

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        TestPki.Pair server = pki.server();
        TlsConfig tls = TlsConfig.of(server.cert(), server.key());
        broker = TestBroker.with(dir, List.of(Transport.WS.listener(null), Transport.WSS.listener(tls)))
                .user("operator", "s3cret-pw")
                .start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
    }

    static String url(String scheme) {
        return scheme + "://localhost:" + broker.port(scheme.equals("ws") ? 0 : 1) + "/mqtt";
    }

    /**
     * One Chromium start for every case, since starting it costs seconds: MQTT 3.1.1 and 5 over ws:// and wss://
     * connect, subscribe and receive; a wrong password over each is refused and the reason logged.
     */
    @Test
    void browserClientsRoundTripOverWsAndWssAndWrongPasswordsAreLogged() throws Exception {
        List<String> outcomes = BrowserMqttClient.roundTrips(List.of(
                new Attempt(url("ws"), "operator", "s3cret-pw", 4),
                new Attempt(url("ws"), "operator", "s3cret-pw", 5),
                new Attempt(url("wss"), "operator", "s3cret-pw", 4),
                new Attempt(url("wss"), "operator", "s3cret-pw", 5),
                new Attempt(url("ws"), "operator", "wrong", 5),
                new Attempt(url("wss"), "operator", "wrong", 4)));

        assertThat(outcomes.subList(0, 4)).containsOnly("received hello on browser/test");
        assertThat(logs.linesWith("New client connected", "u'operator'"))
                .hasSize(4)
                .anyMatch(l -> l.contains("(p4,"))
                .anyMatch(l -> l.contains("(p5,"));

        assertThat(outcomes.subList(4, 6)).allSatisfy(o -> assertThat(o).startsWith("error: "));
        for (String scheme : List.of("ws", "wss")) {
            int port = broker.port(scheme.equals("ws") ? 0 : 1);
            assertThat(logs.awaitLine("Refused connection", "on listener " + scheme + ":" + port))
                    .contains("user 'operator'")
                    .endsWith("wrong password for user 'operator'.");
        }
    }
}

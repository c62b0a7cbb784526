package io.rung.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.broker.it.support.BrokerExtension;
import io.rung.broker.it.support.MosquittoProcess;
import io.rung.broker.it.support.MosquittoTools;
import io.rung.broker.it.support.PahoV5Client;
import io.rung.broker.it.support.Protocol;
import io.rung.broker.it.support.Received;
import io.rung.broker.it.support.TestClient;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Interoperability with Debian's mosquitto_pub and mosquitto_sub in every protocol version. */
class MosquittoClientsIT {
    private static final Duration EXIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final BrokerExtension broker = BrokerExtension.withDefaults();

    static Stream<Arguments> versionPairs() {
        return Stream.of(Protocol.values())
                .flatMap(pub -> Stream.of(Protocol.values()).map(sub -> Arguments.of(pub, sub)));
    }

    @ParameterizedTest(name = "mosquitto_pub {0} -> mosquitto_sub {1}")
    @MethodSource("versionPairs")
    void mosquittoSubReceivesFromMosquittoPub(Protocol pub, Protocol sub) {
        String topic = "mosq/" + pub.level() + "/" + sub.level();
        try (MosquittoProcess s = MosquittoTools.subscribe(broker.port(), sub, "-t", topic, "-q", "1", "-C", "1")) {
            var result = MosquittoTools.publish(broker.port(), pub, "-t", topic, "-q", "1", "-m", "hello " + pub);
            assertThat(result.exitCode())
                    .as("mosquitto_pub output %s", result.output())
                    .isZero();
            s.awaitLine("hello " + pub);
            assertThat(s.awaitExit(EXIT)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void mosquittoSubReceivesFromPaho(Protocol p) {
        String topic = "mosq/paho-to-sub/" + p.level();
        try (MosquittoProcess s = MosquittoTools.subscribe(broker.port(), p, "-t", topic, "-q", "2", "-C", "2", "-v")) {
            TestClient pub = broker.connected(p, "paho-pub-" + p.level());
            pub.publish(topic, "first", 1);
            pub.publish(topic, "second", 2);
            s.awaitLine(topic + " second");
            assertThat(s.lines()).containsSubsequence(topic + " first", topic + " second");
            assertThat(s.awaitExit(EXIT)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void pahoReceivesFromMosquittoPub(Protocol p) {
        String topic = "mosq/pub-to-paho/" + p.level();
        TestClient sub = broker.connected(p, "paho-sub-" + p.level());
        sub.subscribe(topic, 2);
        var result = MosquittoTools.publish(broker.port(), p, "-t", topic, "-q", "2", "-m", "from mosquitto_pub");
        assertThat(result.exitCode())
                .as("mosquitto_pub output %s", result.output())
                .isZero();
        Received got = sub.awaitMessage("from mosquitto_pub");
        assertThat(got.qos()).isEqualTo(2);
        assertThat(got.topic()).isEqualTo(topic);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void retainedMessageFromMosquittoPubReachesLaterMosquittoSub(Protocol p) {
        String topic = "mosq/retained/" + p.level();
        var result = MosquittoTools.publish(broker.port(), p, "-t", topic, "-r", "-q", "1", "-m", "kept");
        assertThat(result.exitCode()).isZero();
        try (MosquittoProcess s = MosquittoTools.subscribe(broker.port(), p, "-t", topic, "-C", "1", "-v")) {
            s.awaitLine(topic + " kept");
            assertThat(s.awaitExit(EXIT)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Protocol.class,
            names = {"V311", "V5"})
    void mosquittoSubPersistentSessionGetsMessagesQueuedWhileAway(Protocol p) {
        String topic = "mosq/queued/" + p.level();
        String id = "mosq-persist-" + p.level();
        String[] session = p.isV5() ? new String[] {"-c", "-i", id, "-x", "60"} : new String[] {"-c", "-i", id};
        try (MosquittoProcess first =
                MosquittoTools.subscribe(broker.port(), p, concat(session, "-t", topic, "-q", "1", "-E"))) {
            assertThat(first.awaitExit(EXIT)).isZero();
        }
        var result = MosquittoTools.publish(broker.port(), p, "-t", topic, "-q", "1", "-m", "while away");
        assertThat(result.exitCode()).isZero();
        try (MosquittoProcess again = MosquittoProcess.start(List.of(concat(
                new String[] {
                    "stdbuf",
                    "-oL",
                    "mosquitto_sub",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    String.valueOf(broker.port()),
                    "-V",
                    p.mosquittoName()
                },
                concat(session, "-t", topic, "-q", "1", "-C", "1"))))) {
            again.awaitLine("while away");
            assertThat(again.awaitExit(EXIT)).isZero();
        }
    }

    @Test
    void mqtt5UserPropertiesFromMosquittoPubReachPaho() {
        PahoV5Client sub = broker.paho5("props-sub");
        sub.connect();
        sub.subscribe("mosq/props", 1);
        var result = MosquittoTools.publish(
                broker.port(),
                Protocol.V5,
                "-t",
                "mosq/props",
                "-q",
                "1",
                "-m",
                "p",
                "-D",
                "publish",
                "user-property",
                "origin",
                "mosquitto_pub",
                "-D",
                "publish",
                "content-type",
                "text/plain");
        assertThat(result.exitCode())
                .as("mosquitto_pub output %s", result.output())
                .isZero();
        sub.awaitMessage("p");
        var props = sub.rawMessages().get(0).getProperties();
        assertThat(props.getContentType()).isEqualTo("text/plain");
        assertThat(props.getUserProperties())
                .extracting(u -> u.getKey() + "=" + u.getValue())
                .containsExactly("origin=mosquitto_pub");
    }

    private static String[] concat(String[] head, String... tail) {
        return Stream.concat(Stream.of(head), Stream.of(tail)).toArray(String[]::new);
    }
}

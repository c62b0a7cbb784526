package io.rung.gateway.southbound;

import io.rung.config.DeviceConfig;
import io.rung.config.PointConfig;
import io.rung.config.PointType;
import io.rung.gateway.northbound.DeviceRuntime;
import io.rung.gateway.northbound.FakeDriver;
import io.rung.gateway.northbound.RetainedTopics;
import io.rung.gateway.northbound.TestDevices;
import io.rung.gateway.port.FakeTicker;
import io.rung.gateway.port.InboundCommand;
import io.rung.gateway.port.MutableClock;
import io.rung.gateway.port.RecordingMqtt;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.slf4j.event.Level;

/** One Modbus device with writable points of every kind, a fake driver and a fake broker, for command tests. */
final class CommandFixture implements AutoCloseable {
    static final String TOPIC = "plant/plc-1";

    final RecordingMqtt mqtt = new RecordingMqtt();
    final FakeTicker ticker = new FakeTicker();
    final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1764358200123L));
    final FakeDriver driver = new FakeDriver();
    final DeviceRuntime device;
    final CommandSubscriber subscriber;
    final RecordingLogger audit = new RecordingLogger("audit");
    final RecordingLogger log = new RecordingLogger(CommandSubscriber.class.getName());

    CommandFixture(Path dir) {
        Optional<BigDecimal> none = Optional.empty();
        DeviceConfig config = TestDevices.modbus(
                "plc-1",
                TOPIC,
                TestDevices.holding("speed", 200)
                        .withWrite(true, Optional.of(BigDecimal.ZERO), Optional.of(new BigDecimal("1500"))),
                TestDevices.holding("counter", 201).withWrite(true, none, none),
                TestDevices.holding("scaled", 202)
                        .withType(PointType.INT16)
                        .withScale(new BigDecimal("0.1"), BigDecimal.ZERO)
                        .withWrite(true, none, none),
                TestDevices.coil("running", 5).withWrite(true, none, none),
                TestDevices.holding("label", 300)
                        .withType(PointType.STRING)
                        .withLength(5)
                        .withWrite(true, none, none),
                TestDevices.holding("limited", 400).withWrite(true, none, none).withRateLimit(Duration.ofSeconds(1)),
                TestDevices.holding("readonly", 500),
                PointConfig.opcUa("setpoint", "ns=2;s=Tank1.Setpoint").withWrite(true, none, none));
        device = DeviceRuntime.create(
                config, driver, mqtt, new RetainedTopics(dir.resolve("retained.txt")), clock, ticker);
        subscriber = new CommandSubscriber(
                mqtt, List.of(device), clock, ticker, new CommandReplies(mqtt, clock, audit, log));
        subscriber.start();
    }

    @Override
    public void close() {
        driver.close();
    }

    /** A live MQTT 3 command from client hmi-1, user operator, received now. */
    Builder command(String point, String payload) {
        return new Builder(TOPIC + "/" + point + "/set", payload.getBytes(StandardCharsets.UTF_8));
    }

    void send(String point, String payload) {
        command(point, payload).send();
    }

    String result(String point) {
        return mqtt.last(TOPIC + "/" + point + "/set/result").orElseThrow(() -> new AssertionError("no result"));
    }

    List<String> results(String point) {
        return mqtt.payloads(TOPIC + "/" + point + "/set/result");
    }

    List<String> auditLines() {
        return audit.at(Level.INFO);
    }

    List<String> warningLines() {
        return log.at(Level.WARN);
    }

    /** Varies one field of a command at a time. */
    final class Builder {
        String topic;
        byte[] payload;
        boolean retain;
        long receivedNanos = ticker.nanoTime();
        OptionalLong expiry = OptionalLong.empty();
        Optional<String> responseTopic = Optional.empty();
        Optional<byte[]> correlation = Optional.empty();
        String clientId = "hmi-1";
        Optional<String> user = Optional.of("operator");
        Predicate<String> mayPublish = t -> true;

        Builder(String topic, byte[] payload) {
            this.topic = topic;
            this.payload = payload;
        }

        Builder retain() {
            retain = true;
            return this;
        }

        Builder payload(byte[] bytes) {
            payload = bytes;
            return this;
        }

        Builder expiry(long seconds) {
            expiry = OptionalLong.of(seconds);
            return this;
        }

        Builder responseTopic(String topic, byte[] correlationData) {
            responseTopic = Optional.of(topic);
            correlation = Optional.of(correlationData);
            return this;
        }

        Builder from(String client, Optional<String> userName) {
            clientId = client;
            user = userName;
            return this;
        }

        Builder mayPublish(Predicate<String> rights) {
            mayPublish = rights;
            return this;
        }

        InboundCommand build() {
            return new InboundCommand(
                    topic,
                    payload,
                    1,
                    retain,
                    receivedNanos,
                    expiry,
                    responseTopic,
                    correlation,
                    clientId,
                    user,
                    mayPublish);
        }

        void send() {
            mqtt.deliver(build());
        }
    }
}

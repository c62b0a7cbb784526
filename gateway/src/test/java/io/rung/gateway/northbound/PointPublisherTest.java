package io.rung.gateway.northbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.config.DeviceConfig;
import io.rung.config.PointConfig;
import io.rung.drivers.api.DriverState;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Quality;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import io.rung.gateway.mapping.DeviceStatus;
import io.rung.gateway.port.FakeTicker;
import io.rung.gateway.port.MutableClock;
import io.rung.gateway.port.OutboundMessage;
import io.rung.gateway.port.RecordingMqtt;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointPublisherTest {
    private static final String TOPIC = "building-b/floor-5/plc-1";
    private static final Instant T0 = Instant.ofEpochMilli(1764358200123L);

    @TempDir
    Path dir;

    private final RecordingMqtt mqtt = new RecordingMqtt();
    private final FakeTicker ticker = new FakeTicker();
    private final MutableClock clock = new MutableClock(T0);
    private final PointConfig temperature = TestDevices.holding("temperature", 100)
            .withDeadband(new BigDecimal("0.5"))
            .withUnit("°C");
    private final PointConfig running = TestDevices.coil("running", 5).withDeadband(new BigDecimal("0.5"));
    private final PointConfig speed = TestDevices.holding("speed", 200);
    private DeviceConfig device = TestDevices.modbus("plc-1", TOPIC, temperature, running, speed);
    private RetainedTopics retained;
    private PointPublisher publisher;

    @BeforeEach
    void setUp() {
        retained = new RetainedTopics(dir.resolve("retained.txt"));
        publisher = start(device);
    }

    private PointPublisher start(DeviceConfig config) {
        mqtt.published.clear();
        PointPublisher p = new PointPublisher(config, mqtt, retained, clock, ticker);
        p.start();
        return p;
    }

    private Sample good(PointConfig point, Value value) {
        return Sample.good(new PointAddress("plc-1", point), value, clock.instant());
    }

    private Sample temp(String value) {
        return good(temperature, new Value.Decimal(new BigDecimal(value)));
    }

    private List<String> values(String point) {
        return mqtt.payloads(TOPIC + "/" + point);
    }

    @Test
    void startPublishesOfflineStatusRetained() {
        List<OutboundMessage> status = mqtt.on(TOPIC + "/$status");
        assertThat(status).hasSize(1);
        assertThat(status.get(0).retain()).isTrue();
        assertThat(status.get(0).qos()).isEqualTo(1);
        assertThat(mqtt.last(TOPIC + "/$status")).contains("{\"state\":\"offline\",\"ts\":1764358200123}");
    }

    @Test
    void firstSampleIsPublishedRetainedAndTheDeviceGoesOnline() {
        clock.advance(Duration.ofMillis(10));
        publisher.onSamples(List.of(temp("21.5")));
        assertThat(values("temperature"))
                .containsExactly("{\"value\":21.5,\"ts\":1764358200133,\"quality\":\"good\",\"unit\":\"°C\"}");
        assertThat(mqtt.on(TOPIC + "/temperature").get(0).retain()).isTrue();
        assertThat(mqtt.last(TOPIC + "/$status")).contains("{\"state\":\"online\",\"ts\":1764358200133}");
        assertThat(publisher.status()).isEqualTo(DeviceStatus.online());
    }

    @Test
    void deadbandComparesWithTheLastPublishedValue() {
        publisher.onSamples(List.of(temp("20.0")));
        publisher.onSamples(List.of(temp("20.3"))); // 0.3 from 20.0: held back
        publisher.onSamples(List.of(temp("20.5"))); // exactly the deadband: held back
        publisher.onSamples(List.of(temp("20.6"))); // 0.6 from the published 20.0, though 0.1 from the last read
        publisher.onSamples(List.of(temp("20.9"))); // 0.3 from the published 20.6
        assertThat(values("temperature"))
                .extracting(p -> p.substring(0, p.indexOf(',')))
                .containsExactly("{\"value\":20.0", "{\"value\":20.6");
    }

    @Test
    void withoutDeadbandEveryChangeButNoRepeatIsPublished() {
        Sample s1 = good(speed, new Value.Int(5));
        publisher.onSamples(List.of(s1));
        publisher.onSamples(List.of(good(speed, new Value.Int(5))));
        publisher.onSamples(List.of(good(speed, new Value.Int(6))));
        assertThat(values("speed")).hasSize(2);
    }

    @Test
    void boolAndStringChangesAlwaysCountWhateverTheDeadband() {
        publisher.onSamples(List.of(good(running, new Value.Bool(false))));
        publisher.onSamples(List.of(good(running, new Value.Bool(true))));
        assertThat(values("running")).hasSize(2);
    }

    @Test
    void aQualityChangeAlwaysPublishes() {
        publisher.onSamples(List.of(temp("20.0")));
        Sample stale = new Sample(
                new PointAddress("plc-1", temperature),
                Optional.of(new Value.Decimal(new BigDecimal("20.0"))),
                Quality.STALE,
                clock.instant(),
                Optional.empty());
        publisher.onSamples(List.of(stale));
        assertThat(values("temperature")).hasSize(2);
        assertThat(values("temperature").get(1)).contains("\"quality\":\"stale\"");
    }

    @Test
    void heartbeatRepublishesTheLatestSampleWithItsOwnTimestampAfterTheSilence() {
        publisher.onSamples(List.of(temp("20.0")));
        ticker.advance(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        publisher.onSamples(List.of(temp("20.2"))); // within deadband, heartbeat not due
        assertThat(values("temperature")).hasSize(1);
        ticker.advance(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        publisher.onSamples(List.of(temp("20.2"))); // 60 s of silence: published, and the new reference
        assertThat(values("temperature")).hasSize(2);
        assertThat(values("temperature").get(1))
                .isEqualTo("{\"value\":20.2,\"ts\":1764358260123,\"quality\":\"good\",\"unit\":\"°C\"}");
        publisher.onSamples(List.of(temp("20.6"))); // 0.4 from the new reference 20.2
        assertThat(values("temperature")).hasSize(2);
    }

    @Test
    void heartbeatOfAnUnchangedValueIsMarkedAsARepeat() {
        publisher.onSamples(List.of(temp("20.0")));
        ticker.advance(Duration.ofSeconds(60));
        publisher.tick();
        List<OutboundMessage> sent = mqtt.on(TOPIC + "/temperature");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).repeat()).isFalse();
        assertThat(sent.get(1).repeat()).isTrue();
        assertThat(sent.get(1).retain()).isTrue();
        assertThat(values("temperature").get(1)).isEqualTo(values("temperature").get(0));
    }

    @Test
    void tickPublishesHeartbeatsWhenNoSampleArrives() {
        publisher.onSamples(List.of(temp("20.0")));
        ticker.advance(Duration.ofSeconds(59));
        publisher.tick();
        assertThat(values("temperature")).hasSize(1);
        ticker.advance(Duration.ofSeconds(1));
        publisher.tick();
        assertThat(values("temperature")).hasSize(2);
        ticker.advance(Duration.ofSeconds(1));
        publisher.tick();
        assertThat(values("temperature")).hasSize(2);
    }

    @Test
    void pointHeartbeatOverridesTheDeviceAndZeroTurnsItOff() {
        PointConfig fast = TestDevices.withHeartbeat(TestDevices.holding("fast", 1), Duration.ofSeconds(5));
        PointConfig never = TestDevices.withHeartbeat(TestDevices.holding("never", 2), Duration.ZERO);
        PointPublisher p = start(TestDevices.modbus("plc-1", TOPIC, fast, never));
        p.onSamples(List.of(good(fast, new Value.Int(1)), good(never, new Value.Int(1))));
        ticker.advance(Duration.ofSeconds(5));
        p.tick();
        assertThat(values("fast")).hasSize(2);
        ticker.advance(Duration.ofHours(1));
        p.tick();
        assertThat(values("never")).hasSize(1);
    }

    @Test
    void deviceHeartbeatZeroTurnsHeartbeatsOff() {
        PointPublisher p = start(TestDevices.withHeartbeat(device, Duration.ZERO));
        p.onSamples(List.of(temp("20.0")));
        ticker.advance(Duration.ofHours(2));
        p.tick();
        assertThat(values("temperature")).hasSize(1);
    }

    @Test
    void underBackpressureOnlyTheNewestValuePerPointIsKeptAndSentWhenThePressureIsGone() {
        mqtt.backpressured = true;
        publisher.onSamples(List.of(temp("20.0"), good(speed, new Value.Int(1))));
        publisher.onSamples(List.of(temp("21.0"), good(speed, new Value.Int(2))));
        publisher.onSamples(List.of(temp("22.0"), good(speed, new Value.Int(3))));
        assertThat(values("temperature")).isEmpty();
        assertThat(values("speed")).isEmpty();
        publisher.tick();
        assertThat(values("temperature")).isEmpty();
        mqtt.backpressured = false;
        publisher.tick();
        assertThat(values("temperature")).singleElement().asString().startsWith("{\"value\":22.0,");
        assertThat(values("speed")).singleElement().asString().startsWith("{\"value\":3,");
        publisher.tick();
        assertThat(values("temperature")).hasSize(1);
    }

    @Test
    void deviceQosIsUsedForValuesAndStatus() {
        PointPublisher p = start(TestDevices.withQos(device, 2));
        p.onSamples(List.of(temp("20.0")));
        assertThat(mqtt.published).extracting(OutboundMessage::qos).containsOnly(2);
    }

    @Test
    void rawFormatPublishesTheBareValueAndNothingForABadReading() {
        PointPublisher p = start(TestDevices.withFormat(device, DeviceConfig.Format.RAW));
        p.onSamples(List.of(temp("20.0"), good(speed, new Value.Text("fast"))));
        p.onSamples(List.of(Sample.bad(new PointAddress("plc-1", temperature), "timeout", clock.instant())));
        assertThat(values("temperature")).containsExactly("20.0");
        assertThat(values("speed")).containsExactly("fast");
    }

    @Test
    void failedReadMakesTheDeviceOfflineWithTheCauseAndItsPointsBad() {
        publisher.onSamples(List.of(temp("20.0")));
        publisher.onReadFailed("connection refused");
        assertThat(mqtt.last(TOPIC + "/$status"))
                .contains("{\"state\":\"offline\",\"error\":\"connection refused\",\"ts\":1764358200123}");
        assertThat(values("temperature"))
                .last()
                .isEqualTo(
                        "{\"ts\":1764358200123,\"quality\":\"bad\",\"unit\":\"°C\",\"error\":\"connection refused\"}");
        publisher.onReadFailed("connection refused");
        assertThat(mqtt.payloads(TOPIC + "/$status")).hasSize(3); // offline, online, offline: no repeats
        assertThat(values("temperature")).hasSize(2);
    }

    @Test
    void deviceThatAnswersButRefusesEveryPointIsInError() {
        PointAddress t = new PointAddress("plc-1", temperature);
        PointAddress s = new PointAddress("plc-1", speed);
        publisher.onSamples(List.of(
                Sample.bad(t, "illegal data address", clock.instant()),
                Sample.bad(s, "illegal data address", clock.instant())));
        assertThat(mqtt.last(TOPIC + "/$status"))
                .contains(
                        "{\"state\":\"error\",\"error\":\"every point refused: illegal data address\",\"ts\":1764358200123}");
        publisher.onSamples(
                List.of(Sample.bad(t, "illegal data address", clock.instant()), good(speed, new Value.Int(1))));
        assertThat(publisher.status()).isEqualTo(DeviceStatus.online());
    }

    @Test
    void driverDisconnectMakesTheDeviceOffline() {
        publisher.onSamples(List.of(temp("20.0")));
        publisher.onDriverState(new DriverState(DriverState.State.DISCONNECTED, Optional.of("connection reset")));
        assertThat(publisher.status()).isEqualTo(DeviceStatus.offline("connection reset"));
        assertThat(values("temperature")).last().asString().contains("\"quality\":\"bad\"");
        publisher.onDriverState(DriverState.connected());
        assertThat(publisher.status()).isEqualTo(DeviceStatus.offline("connection reset"));
    }

    @Test
    void readBackIsAlwaysPublished() {
        publisher.onSamples(List.of(temp("20.0")));
        publisher.onReadBack(temp("20.1"));
        assertThat(values("temperature")).hasSize(2);
        assertThat(publisher.latest("temperature")).contains(temp("20.1"));
    }

    @Test
    void stopPublishesOfflineAndIgnoresLaterSamples() {
        publisher.onSamples(List.of(temp("20.0")));
        publisher.stop("gateway stopped");
        publisher.onSamples(List.of(temp("30.0")));
        ticker.advance(Duration.ofHours(1));
        publisher.tick();
        assertThat(mqtt.last(TOPIC + "/$status"))
                .contains("{\"state\":\"offline\",\"error\":\"gateway stopped\",\"ts\":1764358200123}");
        assertThat(values("temperature")).hasSize(1);
    }

    @Test
    void publishedRetainedTopicsAreRemembered() {
        publisher.onSamples(List.of(temp("20.0")));
        assertThat(retained.topics()).containsExactlyInAnyOrder(TOPIC + "/$status", TOPIC + "/temperature");
    }
}

package io.rung.gateway.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.config.DeviceConfig;
import io.rung.config.PointConfig;
import io.rung.drivers.api.DriverState;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import io.rung.gateway.mapping.DeviceStatus;
import io.rung.gateway.northbound.PointPublisher;
import io.rung.gateway.northbound.RetainedTopics;
import io.rung.gateway.northbound.TestDevices;
import io.rung.gateway.port.FakeTicker;
import io.rung.gateway.port.MutableClock;
import io.rung.gateway.port.RecordingMqtt;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an OPC UA driver's connection states become {@code $status}: refused is an error, lost is offline. */
class ConnectionStatusTest {
    private static final String TOPIC = "plant/tank";
    private static final String UNTRUSTED = "server certificate of opc.tcp://plc:4840 is not trusted: move it";

    @TempDir
    Path dir;

    private final RecordingMqtt mqtt = new RecordingMqtt();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-28T19:30:00.123Z"));
    private final PointConfig level = PointConfig.opcUa("level", "ns=2;s=Tank1.Level");
    private PointPublisher publisher;

    @BeforeEach
    void start() {
        DeviceConfig device =
                TestDevices.opcUa("tank", TOPIC, DeviceConfig.Mode.SUBSCRIBE, Duration.ofSeconds(1), level);
        publisher = new PointPublisher(
                device, mqtt, new RetainedTopics(dir.resolve("retained.txt")), clock, new FakeTicker());
        publisher.start();
    }

    @Test
    void refusedConnectionIsAnErrorNotOffline() {
        publisher.onDriverState(new DriverState(DriverState.State.REFUSED, Optional.of(UNTRUSTED)));
        assertThat(publisher.status()).isEqualTo(DeviceStatus.error(UNTRUSTED));
        assertThat(mqtt.last(TOPIC + "/$status"))
                .contains("{\"state\":\"error\",\"error\":\"" + UNTRUSTED + "\",\"ts\":1764358200123}");
    }

    @Test
    void failedPollsKeepTheRefusalUntilTheDriverConnects() {
        publisher.onDriverState(new DriverState(DriverState.State.REFUSED, Optional.of(UNTRUSTED)));
        publisher.onReadFailed("device tank is not connected to opc.tcp://plc:4840");
        publisher.onConnectFailed("device tank is not connected");
        assertThat(publisher.status()).isEqualTo(DeviceStatus.error(UNTRUSTED));

        publisher.onDriverState(DriverState.connected());
        publisher.onSamples(List.of(levelSample(42.0)));
        assertThat(publisher.status()).isEqualTo(DeviceStatus.online());
    }

    @Test
    void unreachableServerIsOffline() {
        publisher.onDriverState(new DriverState(DriverState.State.FAILED, Optional.of("connection refused")));
        assertThat(publisher.status()).isEqualTo(DeviceStatus.offline("connection refused"));
    }

    @Test
    void badSamplesAfterALostConnectionLeaveTheDeviceOffline() {
        publisher.onSamples(List.of(levelSample(42.0)));
        publisher.onDriverState(new DriverState(DriverState.State.DISCONNECTED, Optional.of("connection lost")));
        publisher.onSamples(List.of(Sample.bad(new PointAddress("tank", level), "connection lost", clock.instant())));
        assertThat(publisher.status()).isEqualTo(DeviceStatus.offline("connection lost"));
        assertThat(mqtt.last(TOPIC + "/level"))
                .hasValueSatisfying(p -> assertThat(p).contains("\"quality\":\"bad\""));

        publisher.onDriverState(DriverState.connected());
        publisher.onSamples(List.of(levelSample(43.0)));
        assertThat(publisher.status()).isEqualTo(DeviceStatus.online());
    }

    private Sample levelSample(double value) {
        return Sample.good(new PointAddress("tank", level), new Value.Float64(value), clock.instant());
    }
}

package io.rung.gateway.northbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rung.config.DeviceConfig;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import io.rung.gateway.port.RecordingMqtt;
import io.rung.gateway.port.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.SchedulerException;

class PollSchedulerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration FAST = Duration.ofMillis(50);

    @TempDir
    Path dir;

    private final RecordingMqtt mqtt = new RecordingMqtt();
    private final List<PollScheduler> schedulers = new ArrayList<>();

    @AfterEach
    void stopSchedulers() {
        schedulers.forEach(PollScheduler::stop);
    }

    private DeviceRuntime device(DeviceConfig config, FakeDriver driver) {
        return DeviceRuntime.create(
                config,
                driver,
                mqtt,
                new RetainedTopics(dir.resolve(config.name() + ".txt")),
                Clock.systemUTC(),
                Ticker.system());
    }

    private PollScheduler start(Duration tick, DeviceRuntime... devices) throws SchedulerException {
        PollScheduler scheduler = new PollScheduler(List.of(devices), tick);
        schedulers.add(scheduler);
        scheduler.start();
        return scheduler;
    }

    private static DeviceConfig polled(String name, Duration every) {
        return TestDevices.modbus(
                name, "plant/" + name, new DeviceConfig.Schedule.Every(every), TestDevices.holding("speed", 200));
    }

    @Test
    void pollsOnItsIntervalAndPublishesTheValues() throws SchedulerException {
        FakeDriver driver = new FakeDriver();
        driver.plc.put("speed", new Value.Int(1200));
        start(PollScheduler.DEFAULT_TICK, device(polled("plc-1", FAST), driver));
        await().atMost(WAIT).until(() -> driver.reads.size() >= 3);
        assertThat(driver.events).startsWith("connect");
        assertThat(mqtt.last("plant/plc-1/speed"))
                .hasValueSatisfying(p -> assertThat(p).startsWith("{\"value\":1200,"));
        assertThat(mqtt.payloads("plant/plc-1/$status").get(0)).startsWith("{\"state\":\"offline\",\"ts\":");
        assertThat(mqtt.last("plant/plc-1/$status"))
                .hasValueSatisfying(p -> assertThat(p).startsWith("{\"state\":\"online\""));
    }

    @Test
    void aPollThatOverrunsIsSkippedNotQueued() throws SchedulerException {
        FakeDriver driver = new FakeDriver();
        driver.plc.put("speed", new Value.Int(1));
        driver.holdReads = true;
        DeviceRuntime plc = device(polled("plc-1", FAST), driver);
        PollScheduler scheduler = start(PollScheduler.DEFAULT_TICK, plc);
        await().atMost(WAIT).until(() -> scheduler.skippedPolls("plc-1") >= 3);
        assertThat(driver.reads).hasSize(1);
        assertThat(plc.lane().waiting()).isZero();
        assertThat(driver.releaseRead()).isTrue();
        await().atMost(WAIT).until(() -> driver.reads.size() == 2);
        long skipped = scheduler.skippedPolls("plc-1");
        await().atMost(WAIT).until(() -> scheduler.skippedPolls("plc-1") >= skipped + 3);
        assertThat(driver.reads).hasSize(2);
        assertThat(scheduler.polls("plc-1")).isEqualTo(2);
    }

    @Test
    void oneSlowDeviceNeverDelaysTheOthers() throws SchedulerException {
        FakeDriver slow = new FakeDriver();
        slow.holdReads = true;
        FakeDriver fast = new FakeDriver();
        fast.plc.put("speed", new Value.Int(7));
        start(PollScheduler.DEFAULT_TICK, device(polled("slow", FAST), slow), device(polled("fast", FAST), fast));
        await().atMost(WAIT).until(() -> fast.reads.size() >= 10);
        assertThat(slow.reads).hasSize(1);
    }

    @Test
    void cronSchedulePolls() throws SchedulerException {
        FakeDriver driver = new FakeDriver();
        driver.plc.put("speed", new Value.Int(3));
        DeviceConfig config = TestDevices.modbus(
                "plc-1",
                "plant/plc-1",
                new DeviceConfig.Schedule.Cron("* * * * * ?"),
                TestDevices.holding("speed", 200));
        start(PollScheduler.DEFAULT_TICK, device(config, driver));
        await().atMost(WAIT).until(() -> driver.reads.size() >= 1);
        assertThat(mqtt.last("plant/plc-1/speed")).isPresent();
    }

    @Test
    void anInvalidCronIsRefusedWithTheDeviceName() throws SchedulerException {
        DeviceConfig config = TestDevices.modbus(
                "plc-1", "plant/plc-1", new DeviceConfig.Schedule.Cron("every day"), TestDevices.holding("speed", 200));
        PollScheduler scheduler =
                new PollScheduler(List.of(device(config, new FakeDriver())), PollScheduler.DEFAULT_TICK);
        schedulers.add(scheduler);
        org.assertj.core.api.Assertions.assertThatThrownBy(scheduler::start)
                .isInstanceOf(SchedulerException.class)
                .hasMessageStartingWith("device plc-1: cron 'every day' is not valid: ");
    }

    @Test
    void opcUaSubscribeModeUsesTheDriversSubscriptionInsteadOfPolls() throws SchedulerException {
        FakeDriver driver = new FakeDriver();
        driver.subscriptions = true;
        DeviceConfig config = TestDevices.opcUa(
                "tank",
                "plant/tank",
                DeviceConfig.Mode.SUBSCRIBE,
                Duration.ofMillis(500),
                io.rung.config.PointConfig.opcUa("level", "ns=2;s=Tank1.Level"));
        PollScheduler scheduler = start(PollScheduler.DEFAULT_TICK, device(config, driver));
        assertThat(driver.events).contains("subscribe 1 every 500ms");
        PointAddress level = new PointAddress("tank", config.points().get(0));
        driver.sink.accept(List.of(Sample.good(level, new Value.Float64(3.25), Instant.ofEpochMilli(42))));
        assertThat(mqtt.last("plant/tank/level")).contains("{\"value\":3.25,\"ts\":42,\"quality\":\"good\"}");
        assertThat(driver.reads).isEmpty();
        assertThat(scheduler.polls("tank")).isZero();
        scheduler.stop();
        assertThat(driver.subscriptionClosed).isTrue();
    }

    @Test
    void subscribeModeFallsBackToPollsWhenTheDriverHasNoSubscriptions() throws SchedulerException {
        FakeDriver driver = new FakeDriver();
        DeviceConfig config = TestDevices.opcUa(
                "tank",
                "plant/tank",
                DeviceConfig.Mode.SUBSCRIBE,
                FAST,
                io.rung.config.PointConfig.opcUa("level", "ns=2;s=Tank1.Level"));
        start(PollScheduler.DEFAULT_TICK, device(config, driver));
        await().atMost(WAIT).until(() -> driver.reads.size() >= 2);
    }

    @Test
    void tickJobSendsHeartbeatsOfSubscribedPoints() throws SchedulerException {
        FakeDriver driver = new FakeDriver();
        driver.subscriptions = true;
        DeviceConfig config = TestDevices.withHeartbeat(
                TestDevices.opcUa(
                        "tank",
                        "plant/tank",
                        DeviceConfig.Mode.SUBSCRIBE,
                        Duration.ofMillis(500),
                        io.rung.config.PointConfig.opcUa("level", "ns=2;s=Tank1.Level")),
                Duration.ofMillis(100));
        start(FAST, device(config, driver));
        PointAddress level = new PointAddress("tank", config.points().get(0));
        driver.sink.accept(List.of(Sample.good(level, new Value.Float64(3.25), Instant.ofEpochMilli(42))));
        await().atMost(WAIT).until(() -> mqtt.payloads("plant/tank/level").size() >= 3);
        assertThat(mqtt.on("plant/tank/level").get(2).repeat()).isTrue();
    }

    @Test
    void connectionFailuresGoToStatus() throws SchedulerException {
        FakeDriver driver = new FakeDriver();
        driver.readFailure = new DriverException("plc-1", "connection refused");
        start(PollScheduler.DEFAULT_TICK, device(polled("plc-1", FAST), driver));
        await().atMost(WAIT)
                .until(() -> mqtt.last("plant/plc-1/$status")
                        .orElse("")
                        .startsWith("{\"state\":\"offline\",\"error\":\"connection refused\","));
    }

    @Test
    void stopEndsPollsAndSetsEveryStatusOffline() throws SchedulerException {
        FakeDriver a = new FakeDriver();
        a.plc.put("speed", new Value.Int(1));
        FakeDriver b = new FakeDriver();
        b.plc.put("speed", new Value.Int(2));
        PollScheduler scheduler =
                start(PollScheduler.DEFAULT_TICK, device(polled("a", FAST), a), device(polled("b", FAST), b));
        await().atMost(WAIT).until(() -> a.reads.size() >= 2 && b.reads.size() >= 2);
        scheduler.stop();
        int readsAtStop = a.reads.size();
        assertThat(mqtt.last("plant/a/$status"))
                .hasValueSatisfying(
                        p -> assertThat(p).startsWith("{\"state\":\"offline\",\"error\":\"gateway stopped\","));
        assertThat(mqtt.last("plant/b/$status"))
                .hasValueSatisfying(
                        p -> assertThat(p).startsWith("{\"state\":\"offline\",\"error\":\"gateway stopped\","));
        // Several poll intervals pass without another read.
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> a.reads.size() == readsAtStop);
    }
}

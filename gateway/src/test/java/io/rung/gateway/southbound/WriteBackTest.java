package io.rung.gateway.southbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.drivers.api.DriverException;
import io.rung.drivers.api.Sample;
import io.rung.drivers.api.Value;
import io.rung.gateway.port.OutboundMessage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accepted commands: the write, the read-back, the answers, the audit, and serialisation with polls. */
class WriteBackTest {
    @TempDir
    Path dir;

    private CommandFixture f;

    @BeforeEach
    void setUp() {
        f = new CommandFixture(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private Value written(int index) {
        return f.driver.writes.get(index).getValue();
    }

    @Test
    void aNumberIsWrittenReadBackPublishedAndAnswered() {
        f.send("speed", "1200");
        assertThat(f.driver.writes).singleElement().satisfies(w -> {
            assertThat(w.getKey().name()).isEqualTo("speed");
            assertThat(w.getValue()).isEqualTo(new Value.Decimal(new BigDecimal("1200")));
        });
        assertThat(f.driver.events).containsExactly("write speed", "write done", "read 1", "read done");
        assertThat(f.result("speed")).isEqualTo("{\"ok\":true,\"value\":1200,\"ts\":1764358200123}");
        assertThat(f.mqtt.on("plant/plc-1/speed/set/result"))
                .singleElement()
                .satisfies(m -> assertThat(m.retain()).isFalse());
        assertThat(f.mqtt.last("plant/plc-1/speed"))
                .contains("{\"value\":1200,\"ts\":1764358200123,\"quality\":\"good\"}");
    }

    @Test
    void theObjectFormEchoesItsId() {
        f.send("speed", "{\"value\":1200,\"id\":\"a7\",\"ts\":" + f.clock.millis() + "}");
        assertThat(f.result("speed")).isEqualTo("{\"ok\":true,\"value\":1200,\"id\":\"a7\",\"ts\":1764358200123}");
        f.send("speed", "{\"id\":42,\"value\":1300}");
        assertThat(f.result("speed")).isEqualTo("{\"ok\":true,\"value\":1300,\"id\":42,\"ts\":1764358200123}");
    }

    @Test
    void boolPointsTakeTrueFalseOneAndZero() {
        for (String payload : List.of("true", "false", "1", "0", "{\"value\":true}")) f.send("running", payload);
        assertThat(f.driver.writes)
                .extracting(w -> w.getValue())
                .containsExactly(
                        new Value.Bool(true),
                        new Value.Bool(false),
                        new Value.Bool(true),
                        new Value.Bool(false),
                        new Value.Bool(true));
        assertThat(f.result("running")).isEqualTo("{\"ok\":true,\"value\":true,\"ts\":1764358200123}");
    }

    @Test
    void stringPointsTakeAJsonStringOrPlainText() {
        f.send("label", "\"ab\\\"c\"");
        f.send("label", "héllo");
        assertThat(f.driver.writes)
                .extracting(w -> w.getValue())
                .containsExactly(new Value.Text("ab\"c"), new Value.Text("héllo"));
        assertThat(f.result("label")).isEqualTo("{\"ok\":true,\"value\":\"héllo\",\"ts\":1764358200123}");
    }

    @Test
    void untypedPointsTakeNumbersBoolsAndJsonStrings() {
        f.send("setpoint", "21.5");
        f.send("setpoint", "true");
        f.send("setpoint", "\"auto\"");
        assertThat(f.driver.writes)
                .extracting(w -> w.getValue())
                .containsExactly(
                        new Value.Decimal(new BigDecimal("21.5")), new Value.Bool(true), new Value.Text("auto"));
    }

    @Test
    void scaledValuesAreCheckedOnTheirRawValueButWrittenAsEngineeringValues() {
        f.send("scaled", "3276.7");
        assertThat(written(0)).isEqualTo(new Value.Decimal(new BigDecimal("3276.7")));
    }

    @Test
    void theResultAlsoGoesToTheResponseTopicWithTheCorrelationData() {
        byte[] correlation = {1, 2, 3};
        f.command("speed", "1200")
                .responseTopic("clients/hmi-1/replies", correlation)
                .send();
        assertThat(f.mqtt.on("clients/hmi-1/replies")).singleElement().satisfies(m -> {
            assertThat(new String(m.payload(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"ok\":true,\"value\":1200,\"ts\":1764358200123}");
            assertThat(m.correlationData()).hasValue(correlation);
            assertThat(m.retain()).isFalse();
        });
    }

    @Test
    void aResponseTopicTheRequesterMayNotPublishToIsNotUsed() {
        f.command("speed", "1200")
                .responseTopic("other/replies", new byte[] {1})
                .mayPublish(topic -> !topic.startsWith("other/"))
                .send();
        assertThat(f.mqtt.on("other/replies")).isEmpty();
        assertThat(f.result("speed")).startsWith("{\"ok\":true");
        assertThat(f.warningLines())
                .containsExactly(
                        "Response topic 'other/replies' of client 'hmi-1' not used: the client may not publish there.");
    }

    @Test
    void aSetTopicIsNeverUsedAsResponseTopic() {
        f.command("speed", "1200")
                .responseTopic("plant/plc-1/counter/set", new byte[] {1})
                .send();
        assertThat(f.mqtt.on("plant/plc-1/counter/set")).isEmpty();
        assertThat(f.driver.writes).hasSize(1);
    }

    @Test
    void refusalsGoToTheResponseTopicToo() {
        f.command("speed", "1800")
                .responseTopic("clients/hmi-1/replies", new byte[] {9})
                .send();
        assertThat(f.mqtt.payloads("clients/hmi-1/replies"))
                .containsExactly("{\"ok\":false,\"error\":\"1800 is above max 1500\"}");
    }

    @Test
    void everyCommandIsAuditedWithClientUserPointOldAndNewValueAndResult() {
        f.driver.plc.put("speed", new Value.Int(1000));
        f.device
                .publisher()
                .onSamples(List.of(Sample.good(f.device.addresses().get(0), new Value.Int(1000), f.clock.instant())));
        f.send("speed", "1200");
        f.command("speed", "1800").from("scada-7", Optional.empty()).send();
        assertThat(f.auditLines())
                .containsExactly(
                        "Command from client 'hmi-1' (user 'operator') for plc-1/speed: 1000 -> 1200: ok",
                        "Command from client 'scada-7' (anonymous) for plc-1/speed: 1200 -> 1800: refused: "
                                + "1800 is above max 1500");
    }

    @Test
    void aPayloadThatCannotBeReadIsAuditedByItsSize() {
        f.send("speed", "fast");
        assertThat(f.auditLines())
                .singleElement()
                .asString()
                .endsWith(": unknown -> (4 bytes): refused: "
                        + "payload \"fast\" is not a number (point plc-1/speed is uint16)");
    }

    @Test
    void aCommandWaitsForTheRunningPollOfItsDevice() {
        f.driver.plc.put("speed", new Value.Int(1000));
        f.driver.holdReads = true;
        f.device.lane().submit(() -> f.driver.read(f.device.addresses()).thenAccept(f.device.publisher()::onSamples));
        f.send("speed", "1200");
        assertThat(f.driver.writes).isEmpty();
        f.driver.holdReads = false;
        assertThat(f.driver.releaseRead()).isTrue();
        assertThat(f.driver.events)
                .containsExactly("read 8", "read done", "write speed", "write done", "read 1", "read done");
        assertThat(f.result("speed")).startsWith("{\"ok\":true,\"value\":1200,");
    }

    @Test
    void aCommandThatGrewTooOldWaitingForItsDeviceIsRefused() {
        f.driver.holdReads = true;
        f.device.lane().submit(() -> f.driver.read(f.device.addresses()));
        f.send("speed", "1200");
        f.ticker.advance(Duration.ofSeconds(11));
        f.driver.holdReads = false;
        f.driver.releaseRead();
        assertThat(f.driver.writes).isEmpty();
        assertThat(f.result("speed"))
                .isEqualTo("{\"ok\":false,\"error\":\"command is too old: it waited 11s, maxCommandAge is 10s\"}");
    }

    @Test
    void aBusyDeviceRefusesCommandsBeyondItsQueue() {
        f.driver.holdWrites = true;
        for (int i = 0; i < 1 + WriteBack.MAX_WAITING; i++) f.send("counter", Integer.toString(i));
        assertThat(f.results("counter")).isEmpty();
        f.send("counter", "99");
        assertThat(f.result("counter"))
                .isEqualTo("{\"ok\":false,\"error\":\"device plc-1 is busy: 8 commands are waiting\"}");
        f.driver.holdWrites = false;
        while (f.driver.releaseWrite()) {
            assertThat(f.driver.heldWrites()).isLessThanOrEqualTo(1);
        }
        assertThat(f.driver.writes).hasSize(1 + WriteBack.MAX_WAITING);
        assertThat(f.results("counter")).hasSize(2 + WriteBack.MAX_WAITING);
    }

    @Test
    void aFailedWriteIsAnsweredWithTheDriversReason() {
        f.driver.writeFailure = new DriverException("plc-1", "illegal data address: holding:200 (40201)");
        f.send("speed", "1200");
        assertThat(f.result("speed"))
                .isEqualTo("{\"ok\":false,\"error\":\"write failed: illegal data address: holding:200 (40201)\"}");
        assertThat(f.driver.events).doesNotContain("read 1");
    }

    @Test
    void aDriverThatThrowsNeverCrashesTheCommandPath() {
        f.driver.writeThrows = new IllegalStateException("boom");
        f.send("speed", "1200");
        assertThat(f.result("speed")).isEqualTo("{\"ok\":false,\"error\":\"write failed: unexpected failure: boom\"}");
        f.driver.writeThrows = null;
        f.send("speed", "1300");
        assertThat(f.result("speed")).startsWith("{\"ok\":true,\"value\":1300,");
    }

    @Test
    void aFailedReadBackStillAnswersOkBecauseTheWriteSucceeded() {
        f.driver.readFailure = new DriverException("plc-1", "timeout");
        f.send("speed", "1200");
        assertThat(f.result("speed")).startsWith("{\"ok\":true,\"value\":1200,");
        assertThat(f.mqtt.on("plant/plc-1/speed")).isEmpty();
    }

    @Test
    void resultsUseTheDeviceQos() {
        f.send("speed", "1200");
        assertThat(f.mqtt.on("plant/plc-1/speed/set/result"))
                .extracting(OutboundMessage::qos)
                .containsExactly(1);
    }
}

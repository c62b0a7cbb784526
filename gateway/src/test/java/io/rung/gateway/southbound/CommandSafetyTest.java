package io.rung.gateway.southbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.rung.gateway.port.MqttPort;
import io.rung.gateway.port.OutboundMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refusal of DESIGN.md "Commands (southbound) — safety first", with the exact error text users see. */
class CommandSafetyTest {
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

    static Stream<Arguments> refusals() {
        return Stream.of(
                arguments("readonly", "5", "point plc-1/readonly is not writable"),
                arguments("nope", "5", "unknown point 'nope' on device plc-1"),
                arguments("speed", "1800", "1800 is above max 1500"),
                arguments("speed", "-5", "-5 is below min 0"),
                arguments("speed", "fast", "payload \"fast\" is not a number (point plc-1/speed is uint16)"),
                arguments("speed", "\"12\"", "payload \"\\\"12\\\"\" is not a number (point plc-1/speed is uint16)"),
                arguments(
                        "speed",
                        "{\"value\":\"fast\"}",
                        "value \"fast\" is not a number (point plc-1/speed is uint16)"),
                arguments(
                        "speed",
                        "{\"value\":1,\"force\":true}",
                        "unknown key 'force' in command (allowed: value, id, ts)"),
                arguments("speed", "{\"id\":\"a7\"}", "command has no 'value'"),
                arguments("speed", "{\"value\":1,\"id\":[1]}", "id must be a string or a number"),
                arguments(
                        "speed",
                        "{\"value\":1,\"ts\":\"yesterday\"}",
                        "ts must be a whole number of milliseconds since 1970-01-01 UTC"),
                arguments("speed", "{value:1}", "payload \"{value:1}\" is not a valid JSON object"),
                arguments(
                        "speed",
                        "{\"value\":1,\"value\":2}",
                        "payload \"{\\\"value\\\":1,\\\"value\\\":2}\" is not a valid JSON object"),
                arguments("counter", "70000", "70000 does not fit uint16 (raw value 70000, allowed 0..65535)"),
                arguments("counter", "-1", "-1 does not fit uint16 (raw value -1, allowed 0..65535)"),
                arguments("scaled", "4000", "4000 does not fit int16 (raw value 40000, allowed -32768..32767)"),
                arguments(
                        "running",
                        "2",
                        "payload \"2\" is not a bool (point plc-1/running is bool: send true, false, 1 or 0)"),
                arguments(
                        "running",
                        "on",
                        "payload \"on\" is not a bool (point plc-1/running is bool: send true, false, 1 or 0)"),
                arguments(
                        "label",
                        "123",
                        "payload \"123\" is not a string (point plc-1/label is string: send a JSON string or plain text)"),
                arguments(
                        "label",
                        "\"abcdefghijk\"",
                        "text of 11 bytes does not fit point plc-1/label (string of 5 registers, 10 bytes)"),
                arguments(
                        "setpoint",
                        "hello",
                        "payload \"hello\" is not JSON (point plc-1/setpoint: send a number, true, false or a JSON string)"),
                arguments("setpoint", "[1]", "payload \"[1]\" is not a number, bool or string (point plc-1/setpoint)"),
                arguments("setpoint", "1e999999999", "payload \"1e999999999\" is out of range (point plc-1/setpoint)"));
    }

    @ParameterizedTest(name = "{0} ← {1}")
    @MethodSource("refusals")
    void refusedWithItsReason(String point, String payload, String error) {
        f.send(point, payload);
        assertThat(f.result(point)).isEqualTo("{\"ok\":false,\"error\":" + json(error) + "}");
        assertThat(f.driver.writes).isEmpty();
        assertThat(f.warningLines()).containsExactly("write rejected: topic 'plant/plc-1/" + point + "/set': " + error);
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void styleGuideWarnLineForAPayloadThatIsNotANumber() {
        f.send("speed", "fast");
        assertThat(f.warningLines())
                .containsExactly(
                        "write rejected: topic 'plant/plc-1/speed/set': payload \"fast\" is not a number (point plc-1/speed is uint16)");
    }

    @Test
    void emptyPayloadIsNotACommand() {
        f.command("speed", "").send();
        assertThat(f.result("speed")).isEqualTo("{\"ok\":false,\"error\":\"empty payload is not a command\"}");
    }

    @Test
    void payloadThatIsNotUtf8IsRefused() {
        f.command("label", "").payload(new byte[] {(byte) 0xc3, (byte) 0x28}).send();
        assertThat(f.result("label")).isEqualTo("{\"ok\":false,\"error\":\"payload is not valid UTF-8 text\"}");
    }

    @Test
    void retainedCommandIsRefusedAndItsRetainedCopyCleared() {
        f.command("speed", "1200").retain().send();
        assertThat(f.result("speed")).isEqualTo("{\"ok\":false,\"error\":\"retained commands are not executed\"}");
        assertThat(f.mqtt.on("plant/plc-1/speed/set")).singleElement().satisfies(m -> {
            assertThat(m.payload()).isEmpty();
            assertThat(m.retain()).isTrue();
        });
        assertThat(f.driver.writes).isEmpty();
    }

    @Test
    void deletingARetainedCommandIsNotACommand() {
        f.command("speed", "").retain().send();
        assertThat(f.mqtt.published).isEmpty();
        assertThat(f.auditLines()).isEmpty();
    }

    @Test
    void theGatewayNeverExecutesAMessageItPublishedItself() {
        f.command("speed", "1200")
                .from(MqttPort.GATEWAY_CLIENT_ID, Optional.empty())
                .send();
        assertThat(f.mqtt.published).isEmpty();
        assertThat(f.driver.writes).isEmpty();
    }

    @Test
    void commandThatWaitedLongerThanMaxCommandAgeIsRefused() {
        CommandFixture.Builder old = f.command("speed", "1200");
        f.ticker.advance(Duration.ofSeconds(11));
        old.send();
        assertThat(f.result("speed"))
                .isEqualTo("{\"ok\":false,\"error\":\"command is too old: it waited 11s, maxCommandAge is 10s\"}");
        assertThat(f.driver.writes).isEmpty();
    }

    @Test
    void commandWhoseTsIsOlderThanMaxCommandAgeIsRefused() {
        long ts = f.clock.millis() - 12_500;
        f.send("speed", "{\"value\":1200,\"id\":\"a7\",\"ts\":" + ts + "}");
        assertThat(f.result("speed"))
                .isEqualTo(
                        "{\"ok\":false,\"error\":\"command is too old: its ts is 12.5s ago, maxCommandAge is 10s\",\"id\":\"a7\"}");
    }

    @Test
    void mqtt5MessageExpiryIsHonoured() {
        CommandFixture.Builder expiring = f.command("speed", "1200").expiry(5);
        f.ticker.advance(Duration.ofSeconds(6));
        expiring.send();
        assertThat(f.result("speed"))
                .isEqualTo(
                        "{\"ok\":false,\"error\":\"command expired: its message expiry interval of 5s has passed\"}");
    }

    @Test
    void rateLimitRefusesASoonerCommandAndNeverDelaysIt() {
        f.send("limited", "1");
        f.ticker.advance(Duration.ofMillis(300));
        f.send("limited", "2");
        assertThat(f.results("limited")).hasSize(2);
        assertThat(f.results("limited").get(1))
                .isEqualTo(
                        "{\"ok\":false,\"error\":\"too soon: rateLimit is 1s, the previous command was 300ms ago\"}");
        f.ticker.advance(Duration.ofMillis(700));
        f.send("limited", "3");
        assertThat(f.result("limited")).startsWith("{\"ok\":true,\"value\":3,");
        assertThat(f.driver.writes).extracting(w -> w.getValue().toString()).hasSize(2);
    }

    @Test
    void commandsAreRefusedOnceTheGatewayIsStopping() {
        f.subscriber.stop();
        f.send("speed", "1200");
        assertThat(f.result("speed")).isEqualTo("{\"ok\":false,\"error\":\"gateway is stopping\"}");
    }

    @Test
    void resultsAreNeverRetained() {
        f.send("speed", "1800");
        f.send("speed", "1200");
        assertThat(f.mqtt.on("plant/plc-1/speed/set/result")).hasSize(2).noneMatch(OutboundMessage::retain);
    }
}

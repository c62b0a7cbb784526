package io.rung.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device names, topics, schedules, connections and the rules that span devices. */
class DeviceValidationTest {
    private static final String POINT = "points: [ { name: p, address: 40001 } ]";
    private static final String NODE = "points: [ { name: p, node: \"ns=2;s=x\" } ]";

    @TempDir
    Path dir;

    private ConfigFixture fixture() {
        return new ConfigFixture(dir);
    }

    /** Fills a YAML template's {@code %s} slots; independent of the default locale. */
    private static String fill(String template, Object... values) {
        return String.format(Locale.ROOT, template, values);
    }

    private static String modbus(String name, String topic, String extra) {
        return "  - { name: " + name + ", topic: " + topic + ", modbus: { url: \"tcp://127.0.0.1:502\" }, " + POINT
                + extra + " }\n";
    }

    @Test
    void deviceTopicHasNoWildcardsAndNoLeadingDollar() {
        fixture()
                .failsWith(
                        "devices:\n" + modbus("a", "\"plant/+/x\"", ""),
                        "rung.yaml:2:23: devices[0].topic: must not contain the wildcards '+' or '#' (was 'plant/+/x')");
        fixture()
                .failsWith(
                        "devices:\n" + modbus("a", "\"$plant\"", ""),
                        "rung.yaml:2:23: devices[0].topic: must not start with '$' (was '$plant')");
    }

    @Test
    void deviceTopicsMustNotBeEqualOrNested() {
        List<String> problems = fixture()
                .problems("devices:\n" + modbus("a", "plant/line1", "")
                        + modbus("b", "plant/line1", "") + modbus("c", "plant/line1/pump", "")
                        + modbus("d", "plant", "")
                        + modbus("e", "plant/line10", ""));
        assertThat(problems)
                .containsExactly(
                        "rung.yaml:3:23: devices[1].topic: is the same as the topic of devices[0]",
                        "rung.yaml:4:23: devices[2].topic: is under the topic of devices[0]; device topics must not nest",
                        "rung.yaml:5:23: devices[3].topic: is above the topic of devices[0]; device topics must not nest");
    }

    @Test
    void deviceNamesAreUnique() {
        fixture()
                .failsWith(
                        "devices:\n" + modbus("a", "x", "") + modbus("a", "y", ""),
                        "rung.yaml:3:13: devices[1].name: name 'a' is already used by devices[0]");
    }

    @Test
    void exactlyOneOfModbusAndOpcUa() {
        fixture()
                .failsWith(
                        "devices:\n  - { name: a, topic: t, " + POINT + " }\n",
                        "rung.yaml:2:5: devices[0]: needs a modbus: or an opcua: section");
        assertThat(fixture()
                        .problems("devices:\n  - { name: a, topic: t, modbus: { url: \"tcp://h\" }, "
                                + "opcua: { url: \"opc.tcp://h\" }, " + POINT + " }\n"))
                .contains("rung.yaml:2:54: devices[0]: has both modbus: and opcua:; a device speaks one protocol");
    }

    @Test
    void pollAndCronAreAlternatives() {
        RungConfig config = fixture().ok("devices:\n" + modbus("a", "t", ", cron: \"0/5 * * * * ?\""));
        assertThat(config.devices().get(0).schedule()).isEqualTo(new DeviceConfig.Schedule.Cron("0/5 * * * * ?"));
        assertThat(fixture()
                        .ok("devices:\n" + modbus("a", "t", ", poll: 250ms"))
                        .devices()
                        .get(0)
                        .schedule())
                .isEqualTo(new DeviceConfig.Schedule.Every(Duration.ofMillis(250)));
        assertThat(fixture().problems("devices:\n" + modbus("a", "t", ", poll: 2s, cron: \"0/5 * * * * ?\"")))
                .containsExactly("rung.yaml:2:123: devices[0].cron: cron and poll are alternatives; set only one");
        assertThat(fixture().problems("devices:\n" + modbus("a", "t", ", cron: \"*/5 * * * *\"")))
                .containsExactly(
                        "rung.yaml:2:113: devices[0].cron: must be a Quartz cron expression of 6 or 7 fields (seconds first), "
                                + "such as '0/5 * * * * ?' (was '*/5 * * * *')");
        assertThat(fixture().problems("devices:\n" + modbus("a", "t", ", poll: 0")))
                .containsExactly("rung.yaml:2:113: devices[0].poll: must be longer than 0 (was 0)");
    }

    @Test
    void cronIsRefusedInOpcUaSubscribeMode() {
        String device = "devices:\n  - { name: a, topic: t, opcua: { url: \"opc.tcp://h:4840\" }, " + NODE
                + ", cron: \"0 * * * * ?\"%s }\n";
        fixture()
                .failsWith(
                        fill(device, ""),
                        "rung.yaml:2:111: devices[0].cron: cron needs mode: poll (in "
                                + "subscribe mode the server samples every poll interval)");
        DeviceConfig polled =
                fixture().ok(fill(device, ", mode: poll")).devices().get(0);
        assertThat(polled.mode()).isEqualTo(DeviceConfig.Mode.POLL);
        assertThat(polled.schedule()).isEqualTo(new DeviceConfig.Schedule.Cron("0 * * * * ?"));
    }

    @Test
    void protocolSpecificKeysAreRefusedOnTheOtherProtocol() {
        assertThat(fixture().problems("devices:\n" + modbus("a", "t", ", mode: poll, timestamps: gateway")))
                .containsExactly(
                        "rung.yaml:2:113: devices[0].mode: applies to OPC UA devices only",
                        "rung.yaml:2:131: devices[0].timestamps: applies to OPC UA devices only");
        assertThat(fixture()
                        .problems("devices:\n  - { name: a, topic: t, opcua: { url: \"opc.tcp://h\" }, "
                                + "points: [ { name: p, address: 40001 } ] }\n"))
                .containsExactly(
                        "rung.yaml:2:67: devices[0].points[0]: missing key 'node'",
                        "rung.yaml:2:87: devices[0].points[0].address: applies to Modbus points only; OPC UA points use node");
    }

    @Test
    void modbusUrlSchemesAndSerialSettings() {
        String device = "devices:\n  - { name: a, topic: t, modbus: { url: \"%s\"%s }, " + POINT + " }\n";
        assertThat(fixture().problems(fill(device, "udp://h:502", "")))
                .containsExactly(
                        "rung.yaml:2:41: devices[0].modbus.url: scheme must be one of tcp, rtu, rtu+tcp (was 'udp')");
        assertThat(fixture().problems(fill(device, "rtu:///dev/ttyUSB0?baud=9600&parity=space", "")))
                .containsExactly("rung.yaml:2:41: devices[0].modbus.url: serial setting parity must be none, even or "
                        + "odd (was 'space')");
        assertThat(fixture().problems(fill(device, "rtu://dev/ttyUSB0", "")))
                .containsExactly(
                        "rung.yaml:2:41: devices[0].modbus.url: a serial port is written with three slashes, such as "
                                + "rtu:///dev/ttyUSB0");
        ModbusConfig rtu = (ModbusConfig) fixture()
                .ok(fill(device, "rtu:///dev/ttyUSB0?baud=19200&parity=even&data=8&stop=1", ", unit: 17"))
                .devices()
                .get(0)
                .connection();
        assertThat(rtu.unit()).isEqualTo(17);
    }

    @Test
    void broadcastUnitIsRefusedOnRtuLines() {
        String device = "devices:\n  - { name: a, topic: t, modbus: { url: \"%s\", unit: 0 }, " + POINT + " }\n";
        fixture()
                .failsWith(
                        fill(device, "rtu:///dev/ttyS0"),
                        "rung.yaml:2:67: devices[0].modbus.unit: unit 0 "
                                + "(broadcast) is not allowed on RTU lines: no device answers a broadcast");
        fixture()
                .failsWith(
                        fill(device, "rtu+tcp://gw:4001"),
                        "rung.yaml:2:68: devices[0].modbus.unit: unit 0 "
                                + "(broadcast) is not allowed on RTU lines: no device answers a broadcast");
        assertThat(((ModbusConfig) fixture()
                                .ok(fill(device, "tcp://h"))
                                .devices()
                                .get(0)
                                .connection())
                        .unit())
                .isZero();
    }

    @Test
    void devicesOnOneSerialPortMustAgreeOnItsSettings() {
        String device = "  - { name: %s, topic: %s, modbus: { url: \"rtu:///dev/ttyS0?baud=%s\" }, " + POINT + " }\n";
        fixture()
                .failsWith(
                        "devices:\n" + fill(device, "a", "a", "9600") + fill(device, "b", "b", "19200"),
                        "rung.yaml:3:41: devices[1].modbus.url: serial settings differ from devices[0] on the same port; "
                                + "devices on one line must use the same baud, parity, data and stop");
        assertThat(fixture()
                        .ok("devices:\n" + fill(device, "a", "a", "9600") + fill(device, "b", "b", "9600"))
                        .devices())
                .hasSize(2);
    }

    @Test
    void opcUaUrlSecurityAndIdentity() {
        String device = "devices:\n  - { name: a, topic: t, opcua: { url: \"%s\"%s }, " + NODE + " }\n";
        fixture()
                .failsWith(
                        fill(device, "tcp://h:4840", ""),
                        "rung.yaml:2:40: devices[0].opcua.url: scheme must be one of opc.tcp (was 'tcp')");
        fixture()
                .failsWith(
                        fill(device, "opc.tcp://h:4840", ", security: SignAndEncrypt"),
                        "rung.yaml:2:70: devices[0].opcua.security: must be one of none, sign, signAndEncrypt "
                                + "(was 'SignAndEncrypt') (did you mean 'signAndEncrypt'?)");
        fixture()
                .failsWith(
                        fill(device, "opc.tcp://h:4840", ", password: pw"),
                        "rung.yaml:2:70: devices[0].opcua.password: needs username");
        OpcUaConfig opcua = (OpcUaConfig) fixture()
                .ok(fill(device, "opc.tcp://h:4840", ", security: sign, policy: Basic256Sha256"))
                .devices()
                .get(0)
                .connection();
        assertThat(opcua.security()).isEqualTo(OpcUaConfig.Security.SIGN);
        assertThat(opcua.policy()).contains("Basic256Sha256");
        assertThat(fixture().warnings(fill(device, "opc.tcp://h:4840", ", trustAll: true")))
                .containsExactly(
                        "rung.yaml:2:70: warning: devices[0].opcua.trustAll: accepts any server certificate, so anyone on "
                                + "the network can pose as the server; use it for commissioning only");
    }

    @Test
    void deviceDefaults() {
        DeviceConfig d =
                fixture().ok("devices:\n" + modbus("a", "t", "")).devices().get(0);
        assertThat(d.format()).isEqualTo(DeviceConfig.Format.JSON);
        assertThat(d.qos()).isEqualTo(1);
        assertThat(d.heartbeat()).isEqualTo(DeviceConfig.DEFAULT_HEARTBEAT);
        assertThat(d.maxCommandAge()).isEqualTo(DeviceConfig.DEFAULT_MAX_COMMAND_AGE);
        assertThat(d.order()).isEqualTo(ByteOrder.ABCD);
        assertThat(d.schedule()).isEqualTo(new DeviceConfig.Schedule.Every(DeviceConfig.DEFAULT_POLL));
        assertThat(d.connection()).isEqualTo(ModbusConfig.of("tcp://127.0.0.1:502"));
    }

    @Test
    void qosMustBeZeroToTwo() {
        fixture()
                .failsWith(
                        "devices:\n" + modbus("a", "t", ", qos: 3"),
                        "rung.yaml:2:112: devices[0].qos: must be between 0 and 2 (was 3)");
    }
}

package io.rung.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example {@code rung.yaml} of DESIGN.md, copied verbatim, loads with the values it states. */
class DesignExampleTest {
    @TempDir
    Path dir;

    private RungConfig config;
    private List<Problem> warnings;

    @BeforeEach
    void load() throws Exception {
        Files.createDirectories(dir.resolve("certs"));
        for (String f : List.of("certs/server.crt", "certs/server.key", "certs/ca.crt", "passwd")) {
            Files.writeString(dir.resolve(f), "test file\n");
        }
        Path file = dir.resolve("rung.yaml");
        try (InputStream in = getClass().getResourceAsStream("/design-example.yaml")) {
            Files.writeString(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        ConfigLoader.Result result =
                ConfigLoader.loadWithWarnings(file, Map.of("TANK_PW", "tank-secret", "CLOUD_PASSWORD", "cloud-secret"));
        config = result.config();
        warnings = result.warnings();
    }

    @Test
    void loadsWithoutWarnings() {
        assertThat(warnings).isEmpty();
        assertThat(config.gateway().id()).isEqualTo("edge-01");
        assertThat(config.http()).contains(HttpConfig.onPort(8080));
    }

    @Test
    void brokerSection() {
        Path certs = dir.toAbsolutePath().normalize().resolve("certs");
        BrokerConfig broker = config.broker();
        TlsConfig serverTls = TlsConfig.of(certs.resolve("server.crt"), certs.resolve("server.key"));
        assertThat(broker.listeners())
                .containsExactly(
                        ListenerConfig.tcp(1883),
                        new ListenerConfig(8883, Optional.empty(), Optional.empty(), Optional.of(serverTls)),
                        ListenerConfig.websocket(8083, "/mqtt"),
                        new ListenerConfig(
                                8084,
                                Optional.empty(),
                                Optional.of("/mqtt"),
                                Optional.of(new TlsConfig(
                                        serverTls.cert(),
                                        serverTls.key(),
                                        Optional.empty(),
                                        Optional.of(certs.resolve("ca.crt")),
                                        false))));
        AuthConfig auth = broker.auth().orElseThrow();
        assertThat(auth.anonymous()).isFalse();
        assertThat(auth.passwordFile()).contains(certs.getParent().resolve("passwd"));
        assertThat(auth.acl())
                .hasSize(6)
                .first()
                .isEqualTo(new AclRuleConfig("*", "test/private/#", AclRuleConfig.Access.DENY));
        assertThat(auth.acl().get(1))
                .isEqualTo(new AclRuleConfig("bridge:cloud", "building-b/+/+/+/set", AclRuleConfig.Access.WRITE));
        assertThat(auth.acl().get(5).access()).isEqualTo(AclRuleConfig.Access.READWRITE);
        assertThat(broker.persistence())
                .isEqualTo(new PersistenceConfig(certs.getParent().resolve("data"), PersistenceConfig.Fsync.BATCH));
        assertThat(broker.limits()).isEqualTo(LimitsConfig.defaults());
        assertThat(broker.sysInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void modbusDevice() {
        DeviceConfig plc = config.devices().get(0);
        assertThat(plc.name()).isEqualTo("plc-1");
        assertThat(plc.topic()).isEqualTo("building-b/floor-5/plc-1");
        assertThat(plc.connection()).isEqualTo(ModbusConfig.of("tcp://192.168.1.10:502"));
        assertThat(plc.schedule()).isEqualTo(new DeviceConfig.Schedule.Every(Duration.ofSeconds(1)));
        assertThat(plc.mode()).isEqualTo(DeviceConfig.Mode.POLL);
        assertThat(plc.qos()).isEqualTo(1);
        assertThat(plc.heartbeat()).isEqualTo(Duration.ofSeconds(60));
        assertThat(plc.points())
                .containsExactly(
                        PointConfig.modbus("temperature", ModbusAddress.of(ModbusAddress.Kind.HOLDING, 100))
                                .withType(PointType.FLOAT32)
                                .withScale(new BigDecimal("0.1"), BigDecimal.ZERO)
                                .withUnit("°C")
                                .withDeadband(new BigDecimal("0.2")),
                        PointConfig.modbus("pump-speed", new ModbusAddress(ModbusAddress.Kind.HOLDING, 200, -1, 40201))
                                .withWrite(true, Optional.of(BigDecimal.ZERO), Optional.of(new BigDecimal("1500"))),
                        PointConfig.modbus("running", ModbusAddress.of(ModbusAddress.Kind.COIL, 5)));
        assertThat(plc.points().get(0).scale()).hasToString("0.1");
    }

    @Test
    void opcUaDevice() {
        DeviceConfig tank = config.devices().get(1);
        OpcUaConfig opcua = (OpcUaConfig) tank.connection();
        assertThat(opcua.url()).isEqualTo("opc.tcp://192.168.1.20:4840");
        assertThat(opcua.security()).isEqualTo(OpcUaConfig.Security.SIGN_AND_ENCRYPT);
        assertThat(opcua.username()).contains("op");
        assertThat(opcua.password()).contains(new Secret("tank-secret"));
        assertThat(tank.mode()).isEqualTo(DeviceConfig.Mode.SUBSCRIBE);
        assertThat(tank.timestamps()).isEqualTo(DeviceConfig.Timestamps.SOURCE);
        assertThat(tank.points())
                .containsExactly(
                        PointConfig.opcUa("level", "ns=2;s=Tank1.Level"),
                        PointConfig.opcUa("setpoint", "nsu=urn:plc:tank;s=Tank1.Setpoint")
                                .withWrite(true, Optional.empty(), Optional.empty()));
    }

    @Test
    void bridge() {
        BridgeConfig cloud = config.bridges().get(0);
        assertThat(cloud.name()).isEqualTo("cloud");
        assertThat(cloud.url()).isEqualTo("mqtts://cloud.example.com:8883");
        assertThat(cloud.username()).contains("edge-01");
        assertThat(cloud.password()).contains(new Secret("cloud-secret"));
        assertThat(cloud.clientId()).isEqualTo("rung-edge-01-cloud");
        assertThat(cloud.protocol()).isEqualTo(BridgeConfig.Protocol.MQTT_5);
        assertThat(cloud.keepAlive()).isEqualTo(Duration.ofSeconds(60));
        assertThat(cloud.cleanStart()).isTrue();
        assertThat(cloud.tryPrivate()).isTrue();
        assertThat(cloud.required()).isFalse();
        assertThat(cloud.statusTopic()).isEqualTo("site-1/gateway/edge-01/$status");
        assertThat(cloud.tls()).isEqualTo(BridgeConfig.BridgeTlsConfig.defaults());
        assertThat(cloud.out()).containsExactly(new BridgeConfig.Rule("building-b/#", "site-1/", 1));
        assertThat(cloud.in()).containsExactly(new BridgeConfig.Rule("site-1/building-b/+/+/+/set", "site-1/", 1));
        assertThat(cloud.buffer()).isEqualTo(BridgeConfig.BufferConfig.defaults());
    }
}

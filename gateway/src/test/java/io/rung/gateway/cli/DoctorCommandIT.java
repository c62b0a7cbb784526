package io.rung.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.broker.auth.PasswordFile;
import io.rung.config.ConfigLoader;
import io.rung.gateway.Gateway;
import io.rung.gateway.testing.Mosquitto;
import io.rung.gateway.testing.TestCerts;
import io.rung.gateway.testing.WebSocketProxy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rung doctor} against real listeners (Rung's own broker and a real mosquitto): every step, and the first
 * failure explained. The five causes the issue names each have one test asserting the cause and the fix: closed port,
 * loopback-only bind, untrusted TLS certificate, wrong password, wrong WebSocket path.
 */
class DoctorCommandIT {
    private static final String PASSWORD = "doctor-secret-7";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private InputStream oldIn;

    @BeforeEach
    void capture() throws Exception {
        oldOut = System.out;
        oldIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        PasswordFile.addOrUpdate(dir.resolve("passwd"), "alice", PASSWORD.getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setIn(oldIn);
    }

    private int doctor(String password, String... args) {
        System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
        return Main.execute(args);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Gateway rung() throws Exception {
        String yaml = """
                gateway: { id: doctor-test }
                broker:
                  listeners: [ { port: 0, bind: 127.0.0.1 } ]
                  auth: { passwordFile: passwd }
                  persistence: { dir: data }
                """;
        return Gateway.start(ConfigLoader.parse(yaml, "rung.yaml", dir, Map.of()), false, line -> {});
    }

    @Test
    void everyStepPassesAgainstRung() throws Exception {
        try (Gateway g = rung()) {
            int port = g.broker().listeners().get(0).port();
            int code = doctor(PASSWORD, "doctor", "mqtt://127.0.0.1:" + port, "-u", "alice", "--password-stdin");
            assertThat(code).as(output()).isZero();
            assertThat(output())
                    .contains("1. DNS")
                    .contains("2. TCP")
                    .containsPattern("3\\. MQTT CONNECT +ok +connected as 'alice'")
                    .containsPattern("4\\. subscribe/publish +ok")
                    .contains("All 4 steps passed");
        }
    }

    @Test
    void wrongPasswordFailsMqttConnectNamingTheCauseAndFix() throws Exception {
        try (Gateway g = rung()) {
            int port = g.broker().listeners().get(0).port();
            int code = doctor("wrong", "doctor", "mqtt://127.0.0.1:" + port, "-u", "alice", "--password-stdin");
            assertThat(code).isEqualTo(1);
            assertThat(output())
                    .containsPattern("3\\. MQTT CONNECT +FAILED CONNACK return code 4: bad user name or password")
                    .contains("likely cause: wrong password or unknown user for user 'alice'")
                    .contains("fix: check the password; set it with 'rung passwd FILE USER'")
                    .contains("Step 3 (MQTT CONNECT) failed.");
        }
    }

    @Test
    void anonymousClientAtRungIsToldToPassAUser() throws Exception {
        try (Gateway g = rung()) {
            int code = doctor(
                    "",
                    "doctor",
                    "mqtt://127.0.0.1:" + g.broker().listeners().get(0).port());
            assertThat(code).isEqualTo(1);
            assertThat(output())
                    .contains("return code 5: not authorised")
                    .contains("the broker does not allow anonymous clients")
                    .contains("fix: pass -u USER");
        }
    }

    @Test
    void closedPortFailsTheTcpStepNamingTheCauseAndFix() throws Exception {
        int port = Mosquitto.freePort();
        int code = doctor("", "doctor", "mqtt://127.0.0.1:" + port);
        assertThat(code).isEqualTo(1);
        assertThat(output())
                .containsPattern("2\\. TCP +FAILED 127\\.0\\.0\\.1 port " + port + " refused the connection")
                .contains("nothing listens on port " + port + " there, or the broker listens on 127.0.0.1 only")
                .contains("fix: start the broker; check its listener port; bind the listener to all interfaces")
                .contains("Step 2 (TCP) failed.");
    }

    @Test
    void loopbackOnlyBindOfARunningRungIsFlaggedNamingTheKeyToChange() throws Exception {
        Path file = dir.resolve("rung.yaml");
        try (Gateway g = rungOnFixedLoopbackPort(file)) {
            int port = g.broker().listeners().get(0).port();
            int code = doctor("", "doctor", "-c", file.toString());
            assertThat(output())
                    .contains("rung doctor: server-side checks of " + file)
                    .contains("  WARN  listener mqtt :" + port + ": bound to 127.0.0.1: only this machine can connect")
                    .contains(
                            "        fix: remove broker.listeners[0].bind (all interfaces) or set it to the address clients use")
                    .contains("  info  listener mqtt :" + port + ": something is listening on port " + port + " now");
            assertThat(code).isEqualTo(output().contains("  FAIL  ") ? 1 : 0);
        }
    }

    /** Server mode needs a fixed port in the file: take a free one, and another if it was taken meanwhile. */
    private Gateway rungOnFixedLoopbackPort(Path file) throws Exception {
        for (int attempt = 1; ; attempt++) {
            java.nio.file.Files.writeString(file, String.format(Locale.ROOT, """
                    gateway: { id: doctor-test }
                    broker:
                      listeners: [ { port: %d, bind: 127.0.0.1 } ]
                      auth: { passwordFile: passwd }
                      persistence: { dir: data }
                    """, Mosquitto.freePort()));
            try {
                return Gateway.start(ConfigLoader.load(file), false, line -> {});
            } catch (Exception e) {
                if (attempt == 3) throw e;
            }
        }
    }

    @Test
    void everyStepPassesAgainstMosquitto() throws Exception {
        try (Mosquitto m = Mosquitto.start(dir, mosquittoConfig(""))) {
            int code = doctor(PASSWORD, "doctor", "mqtt://127.0.0.1:" + m.port(), "-u", "alice", "--password-stdin");
            assertThat(code).as(output()).isZero();
            assertThat(output()).contains("All 4 steps passed");
        }
    }

    @Test
    void wrongPasswordAtMosquittoNamesTheConnAckMeaning() throws Exception {
        try (Mosquitto m = Mosquitto.start(dir, mosquittoConfig(""))) {
            int code = doctor("wrong", "doctor", "mqtt://127.0.0.1:" + m.port(), "-u", "alice", "--password-stdin");
            assertThat(code).isEqualTo(1);
            // mosquitto answers a wrong password with 3.1.1 return code 5, not 4
            assertThat(output())
                    .contains("CONNACK return code 5: not authorised")
                    .contains("a wrong password (mosquitto answers this code for it)");
        }
    }

    @Test
    void untrustedCertificateFailsTheTlsStepNamingTheCauseAndCafileFixesIt() throws Exception {
        TestCerts certs = TestCerts.create(dir.resolve("certs"));
        String tls = "certfile " + certs.cert() + "\nkeyfile " + certs.key() + "\n";
        try (Mosquitto m = Mosquitto.start(dir, mosquittoConfig(tls))) {
            String url = "mqtts://127.0.0.1:" + m.port();
            assertThat(doctor(PASSWORD, "doctor", url, "-u", "alice", "--password-stdin"))
                    .isEqualTo(1);
            assertThat(output())
                    .containsPattern("3\\. TLS +FAILED")
                    .contains("the certificate is not signed by a CA this machine trusts")
                    .contains("issued by CN=Rung Test CA")
                    .contains("fix: pass the CA with --cafile ca.crt")
                    .contains("Step 3 (TLS) failed.");
            out.reset();
            int code = doctor(
                    PASSWORD,
                    "doctor",
                    url,
                    "-u",
                    "alice",
                    "--password-stdin",
                    "--cafile",
                    certs.ca().toString());
            assertThat(code).as(output()).isZero();
            assertThat(output()).containsPattern("3\\. TLS +ok +TLSv1\\.3").contains("All 5 steps passed");
        }
    }

    @Test
    void certificateForAnotherNameIsExplained() throws Exception {
        TestCerts certs = TestCerts.create(dir.resolve("other"), "DNS:broker.example.org");
        String tls = "certfile " + certs.cert() + "\nkeyfile " + certs.key() + "\n";
        try (Mosquitto m = Mosquitto.start(dir, mosquittoConfig(tls))) {
            int code = doctor(
                    PASSWORD,
                    "doctor",
                    "mqtts://127.0.0.1:" + m.port(),
                    "-u",
                    "alice",
                    "--password-stdin",
                    "--cafile",
                    certs.ca().toString());
            assertThat(code).isEqualTo(1);
            assertThat(output())
                    .contains("the certificate does not name '127.0.0.1'")
                    .contains("certificate for DNS:broker.example.org");
        }
    }

    @Test
    void plainMqttToATlsPortSaysTlsIsExpected() throws Exception {
        TestCerts certs = TestCerts.create(dir.resolve("certs"));
        String tls = "certfile " + certs.cert() + "\nkeyfile " + certs.key() + "\n";
        try (Mosquitto m = Mosquitto.start(dir, mosquittoConfig(tls))) {
            int code = doctor(PASSWORD, "doctor", "mqtt://127.0.0.1:" + m.port(), "-u", "alice", "--password-stdin");
            assertThat(code).isEqualTo(1);
            assertThat(output()).containsPattern("3\\. MQTT CONNECT +FAILED").containsPattern("TLS|mqtts://");
        }
    }

    @Test
    void webSocketToAPlainMqttPortSaysWhichSchemeToUse() throws Exception {
        try (Gateway g = rung()) {
            int code = doctor(
                    "",
                    "doctor",
                    "ws://127.0.0.1:" + g.broker().listeners().get(0).port() + "/mqtt");
            assertThat(code).isEqualTo(1);
            assertThat(output()).containsPattern("3\\. WebSocket +FAILED").contains("the port is probably plain MQTT");
        }
    }

    @Test
    void everyStepPassesOverWebSocket() throws Exception {
        try (Gateway g = rung();
                WebSocketProxy ws =
                        new WebSocketProxy(g.broker().listeners().get(0).port())) {
            int code = doctor(
                    PASSWORD, "doctor", "ws://127.0.0.1:" + ws.port() + "/mqtt", "-u", "alice", "--password-stdin");
            assertThat(code).as(output()).isZero();
            assertThat(output())
                    .containsPattern("3\\. WebSocket +ok +upgraded at /mqtt, subprotocol mqtt")
                    .contains("All 5 steps passed");
        }
    }

    @Test
    void wrongWebSocketPathFailsTheWebSocketStepNamingTheCauseAndFix() throws Exception {
        try (Gateway g = rung();
                WebSocketProxy ws =
                        new WebSocketProxy(g.broker().listeners().get(0).port())) {
            int code = doctor("", "doctor", "ws://127.0.0.1:" + ws.port() + "/ws");
            assertThat(code).isEqualTo(1);
            assertThat(output())
                    .containsPattern("3\\. WebSocket +FAILED")
                    .contains("there is no WebSocket at path /ws")
                    .contains("fix: use the listener's path (Rung: the listener's 'websocket:' value, usually /mqtt)");
        }
    }

    @Test
    void withoutUrlItChecksTheLocalConfigAndExitsOneOnlyOnProblems() throws Exception {
        Path file = dir.resolve("rung.yaml");
        java.nio.file.Files.writeString(
                file,
                "broker:\n  listeners: [ { port: 1883, bind: 127.0.0.1 } ]\n" + "  auth: { passwordFile: passwd }\n");
        int code = doctor("", "doctor", "-c", file.toString());
        assertThat(output())
                .contains("rung doctor: server-side checks of " + file)
                .contains("WARN  listener mqtt :1883: bound to 127.0.0.1: only this machine can connect")
                .contains("ok    auth: 1 users in")
                .containsPattern("\\d+ problems, \\d+ warnings\\.");
        assertThat(code).isEqualTo(output().contains("  FAIL  ") ? 1 : 0);
    }

    @Test
    void passwordInTheUrlIsRefusedAsUsage() {
        int code = doctor("", "doctor", "mqtt://alice:secret@127.0.0.1:1883");
        assertThat(code).isEqualTo(2);
        assertThat(output()).doesNotContain("secret");
    }

    private String mosquittoConfig(String tls) {
        // "user root" keeps mosquitto from dropping to user mosquitto, who could not read the test's password file
        return "user root\nlistener %d 127.0.0.1\n" + tls + "allow_anonymous false\npassword_file "
                + dir.resolve("passwd") + "\n";
    }
}

package io.rung.broker.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A password file written by Rung is accepted by a real mosquitto broker on loopback. */
class MosquittoPasswordFileIT {
    @TempDir
    Path dir;

    private Process mosquitto;
    private int port;

    @BeforeEach
    void startMosquittoWithRungPasswordFile() throws Exception {
        Path passwd = dir.resolve("passwd");
        PasswordFile.addOrUpdate(passwd, "alice", "s3cret".getBytes(UTF_8));
        PasswordFile.addOrUpdate(passwd, "bob", "hunter2".getBytes(UTF_8));
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            if (start(passwd) || attempt == 3) break; // retried only when another process took the port meanwhile
        }
        assertThat(mosquitto.isAlive()).as("mosquitto running, log:%n%s", log()).isTrue();
    }

    @AfterEach
    void stopMosquitto() throws Exception {
        if (mosquitto != null) {
            mosquitto.destroy();
            if (!mosquitto.waitFor(10, TimeUnit.SECONDS)) mosquitto.destroyForcibly();
        }
    }

    private boolean start(Path passwd) throws IOException {
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "listener " + port + " 127.0.0.1",
                        "allow_anonymous false",
                        "password_file " + passwd,
                        "persistence false",
                        "user "
                                + System.getProperty(
                                        "user.name"), // mosquitto started as root would drop to 'mosquitto'
                        ""));
        Path log = dir.resolve("mosquitto.log");
        mosquitto = new ProcessBuilder(mosquittoBinary(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !mosquitto.isAlive() || log().contains(" running"));
        return mosquitto.isAlive();
    }

    private String log() throws IOException {
        Path log = dir.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static String mosquittoBinary() {
        return Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private ExternalCommand publish(String user, String password, String topic, String message) throws Exception {
        return ExternalCommand.run(
                "mosquitto_pub",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-u",
                user,
                "-P",
                password,
                "-i",
                "rung-it-pub",
                "-q",
                "1",
                "-r",
                "-t",
                topic,
                "-m",
                message);
    }

    @Test
    void mosquittoAcceptsUsersWrittenByRung() throws Exception {
        assertThat(publish("alice", "s3cret", "rung/it", "hello").exitCode()).isZero();

        ExternalCommand sub = ExternalCommand.run(
                "mosquitto_sub",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-u",
                "bob",
                "-P",
                "hunter2",
                "-i",
                "rung-it-sub",
                "-t",
                "rung/it",
                "-C",
                "1",
                "-W",
                "10");

        assertThat(sub.exitCode()).isZero();
        assertThat(sub.output().strip()).isEqualTo("hello");
    }

    @Test
    void mosquittoRefusesWrongPasswordsAndUnknownUsers() throws Exception {
        ExternalCommand wrong = publish("alice", "hunter2", "rung/it", "x");
        ExternalCommand unknown = publish("carol", "s3cret", "rung/it", "x");

        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.output()).contains("not authorised");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.output()).contains("not authorised");
    }
}

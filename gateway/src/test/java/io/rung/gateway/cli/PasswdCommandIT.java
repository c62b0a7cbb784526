package io.rung.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rung.broker.auth.PasswordFile;
import io.rung.gateway.testing.Mosquitto;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code rung passwd} and Debian's mosquitto_passwd/mosquitto share one password file, in both directions. */
class PasswdCommandIT {
    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void rungAndMosquittoShareAPasswordFileBothWays() throws Exception {
        Path file = dir.resolve("passwd");
        run("mosquitto_passwd", "-c", "-b", file.toString(), "alice", "alice-pw-1");

        assertThat(passwd(file, "bob", "bob-pw-2")).isZero();
        assertThat(console.stdout()).contains("added user bob");
        PasswordFile read = PasswordFile.load(file);
        assertThat(read.verify("alice", "alice-pw-1".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(read.verify("bob", "bob-pw-2".getBytes(StandardCharsets.UTF_8)))
                .isTrue();

        // "user root": mosquitto started as root would otherwise switch to its own user, who cannot read the file
        try (Mosquitto mosquitto = Mosquitto.start(
                dir, "listener %d 127.0.0.1\nallow_anonymous false\npassword_file " + file + "\nuser root\n")) {
            int port = mosquitto.port();
            assertThat(publish(port, "bob", "bob-pw-2"))
                    .as("user written by rung passwd")
                    .isZero();
            assertThat(publish(port, "alice", "alice-pw-1"))
                    .as("user written by mosquitto_passwd")
                    .isZero();
            assertThat(publish(port, "bob", "wrong")).as("wrong password").isNotZero();
        }

        assertThat(Main.execute("passwd", "-D", file.toString(), "alice")).isZero();
        assertThat(PasswordFile.load(file).contains("alice")).isFalse();
    }

    private static int passwd(Path file, String user, String password) {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
        try {
            return Main.execute("passwd", "--password-stdin", file.toString(), user);
        } finally {
            System.setIn(old);
        }
    }

    private static int publish(int port, String user, String password) throws IOException, InterruptedException {
        return run(
                "mosquitto_pub",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-u",
                user,
                "-P",
                password,
                "-t",
                "passwd/test",
                "-m",
                "x",
                "-q",
                "1");
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in 20 s");
        }
        return p.exitValue();
    }
}

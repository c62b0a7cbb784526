package io.rung.broker.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Installs the MQTT.js browser bundle from npm once per version into the user's cache, for browser tests. */
final class MqttJsPackage {
    private MqttJsPackage() {}

    static Path ensure(String version) throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "rung-test", "mqtt-js-" + version);
        Path bundle = dir.resolve("node_modules/mqtt/dist/mqtt.min.js");
        if (Files.isRegularFile(bundle)) return bundle;
        Files.createDirectories(dir);
        Process npm = new ProcessBuilder(
                        "npm",
                        "install",
                        "--no-package-lock",
                        "--no-audit",
                        "--no-fund",
                        "--prefix",
                        dir.toString(),
                        "mqtt@" + version)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("npm.log").toFile())
                .start();
        if (!npm.waitFor(5, TimeUnit.MINUTES)) {
            npm.destroyForcibly();
            throw new IOException("npm install mqtt@" + version + " did not finish in 5 minutes");
        }
        if (npm.exitValue() != 0 || !Files.isRegularFile(bundle)) {
            throw new IOException(
                    "npm install mqtt@" + version + " failed:\n" + Files.readString(dir.resolve("npm.log")));
        }
        return bundle;
    }
}

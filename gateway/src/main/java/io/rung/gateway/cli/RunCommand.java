package io.rung.gateway.cli;

import io.rung.config.RungConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rung run}: start everything the config names, until SIGINT or SIGTERM. */
@Command(name = "run", description = "Start everything the config names (./rung.yaml if present, else a broker only).")
final class RunCommand implements Callable<Integer> {
    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "The configuration file.")
    @Nullable
    Path config;

    @Option(
            names = {"-v", "--verbose"},
            description = "Log every MQTT event, mosquitto -v style.")
    boolean verbose;

    @Mixin
    DebugOption debug = new DebugOption();

    @Override
    public Integer call() {
        RungConfig loaded = ConfigFiles.loadOrDefault(config);
        return Runner.runUntilStopped(loaded, verbose);
    }
}

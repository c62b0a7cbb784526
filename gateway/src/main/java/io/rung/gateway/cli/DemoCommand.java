package io.rung.gateway.cli;

import io.rung.config.RungConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rung demo}: the gateway on built-in defaults, so a newcomer sees it work at once. */
@Command(name = "demo", description = "Start with built-in defaults and print how to connect.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = {"-v", "--verbose"}, description = "Log every MQTT event, mosquitto -v style.")
    boolean verbose;

    @Mixin
    DebugOption debug = new DebugOption();

    @Override
    public Integer call() {
        RungConfig defaults = RungConfig.defaults(Path.of("").toAbsolutePath());
        return Runner.runUntilStopped(defaults, verbose);
    }
}

package io.rung.gateway.cli;

import io.rung.config.ConfigException;
import io.rung.config.ConfigLoader;
import io.rung.config.DeviceConfig;
import io.rung.config.ModbusConfig;
import io.rung.config.RungConfig;
import io.rung.drivers.modbus.ReadPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rung check}: validate a configuration without starting anything. */
@Command(
        name = "check",
        description = "Validate a config: every problem as FILE:LINE:COL: message (exit 2), "
                + "or a one-line summary (exit 0).")
final class CheckCommand implements Callable<Integer> {
    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "The configuration file (default ./rung.yaml).")
    @Nullable
    Path config;

    @Option(names = "--plan", description = "Show each device's Modbus requests per poll.")
    boolean plan;

    @Mixin
    DebugOption debug = new DebugOption();

    @Override
    public Integer call() {
        Path file = config != null ? config : Path.of("rung.yaml");
        if (config == null && !Files.exists(file)) {
            throw new CliFailure(ExitCodes.USAGE, "rung check: no ./rung.yaml here; name a file with -c FILE");
        }
        ConfigLoader.Result result;
        try {
            result = ConfigLoader.loadWithWarnings(file);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        result.warnings().forEach(System.err::println);
        System.out.println(summary(file, result.config(), result.warnings().size()));
        if (plan) printPlans(result.config());
        return ExitCodes.OK;
    }

    private static void printPlans(RungConfig config) {
        for (DeviceConfig device : config.devices()) {
            if (!(device.connection() instanceof ModbusConfig)) continue;
            List<String> lines = ReadPlan.of(device).describe();
            System.out.println("device " + device.name() + ": " + lines.size() + " request"
                    + (lines.size() == 1 ? "" : "s") + " per poll");
            lines.forEach(l -> System.out.println("  " + l));
        }
    }

    static String summary(Path file, RungConfig c, int warnings) {
        long points = c.devices().stream().mapToLong(d -> d.points().size()).sum();
        return file + ": ok: " + plural(c.broker().listeners().size(), "listener") + ", "
                + plural(c.devices().size(), "device") + " with " + plural(points, "point") + ", "
                + plural(c.bridges().size(), "bridge")
                + (warnings > 0 ? ", " + plural(warnings, "warning") : "") + ".";
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}

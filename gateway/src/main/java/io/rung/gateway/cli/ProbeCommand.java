package io.rung.gateway.cli;

import io.rung.config.ConfigException;
import io.rung.config.ModbusAddress;
import io.rung.config.ModbusAddresses;
import io.rung.drivers.modbus.ModbusProbe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rung probe modbus URL}: read live registers and show every type × byte-order decoding side by side. */
@Command(name = "probe", description = "Read live Modbus registers and show every type and byte order side by side.")
final class ProbeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "modbus", description = "The protocol (only modbus).")
    String protocol;

    @Parameters(index = "1", paramLabel = "URL", description = "tcp://host:port, rtu+tcp://host:port or rtu:///dev/…")
    String url;

    @Option(names = "--unit", defaultValue = "1", description = "Unit id (default ${DEFAULT-VALUE}).")
    int unit;

    @Option(
            names = "--address",
            required = true,
            description =
                    "First address: holding:N, input:N, coil:N, " + "discrete:N or a Modicon number such as 40101.")
    String address;

    @Option(
            names = "--count",
            defaultValue = "4",
            description = "How many registers or bits (default ${DEFAULT-VALUE}).")
    int count;

    @Option(
            names = "--timeout",
            defaultValue = "2",
            description = "Seconds to wait for the device (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    DebugOption debug = new DebugOption();

    @Override
    public Integer call() throws InterruptedException {
        if (!protocol.equals("modbus"))
            throw new CliFailure(ExitCodes.USAGE, "rung probe: protocol must be modbus (was '" + protocol + "')");
        if (count < 1 || count > 125)
            throw new CliFailure(ExitCodes.USAGE, "rung probe: --count must be between 1 and 125 (was " + count + ")");
        ModbusAddress start;
        try {
            start = ModbusAddresses.parse(address, "--address");
        } catch (ConfigException e) {
            throw new CliFailure(
                    ExitCodes.USAGE, "rung probe: " + e.problems().get(0).message(), e);
        }
        try {
            List<String> lines = ModbusProbe.probe(url, unit, start, count, Duration.ofSeconds(timeoutSeconds))
                    .get();
            lines.forEach(System.out::println);
            return ExitCodes.OK;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new CliFailure(ExitCodes.FAILURE, "rung probe: " + cause.getMessage(), cause);
        }
    }
}

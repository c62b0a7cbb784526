package io.rung.gateway.cli;

import io.rung.drivers.sim.ModbusSimulator;
import io.rung.drivers.sim.OpcUaSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sun.misc.Signal;

/** {@code rung sim modbus|opcua}: run one simulated PLC alone, for commissioning and tests. */
@Command(
        name = "sim",
        description = "Run a simulated PLC: modbus (Modbus TCP, default port 5020) or opcua "
                + "(OPC UA, default port 4840).")
final class SimCommand implements Callable<Integer> {
    /** Which simulator. */
    enum Kind {
        modbus,
        opcua
    }

    @Parameters(index = "0", paramLabel = "modbus|opcua", description = "Which simulator: ${COMPLETION-CANDIDATES}.")
    Kind kind;

    @Option(names = "--port", description = "TCP port (0 = any free port).")
    Integer port;

    @Option(
            names = "--bind",
            defaultValue = "0.0.0.0",
            description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(
            names = "--pki",
            defaultValue = "data/sim-pki",
            description = "OPC UA: certificate folder (default ${DEFAULT-VALUE}).")
    Path pki;

    @Mixin
    DebugOption debug = new DebugOption();

    @Override
    public Integer call() throws IOException, InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        if (kind == Kind.modbus) {
            try (ModbusSimulator sim = new ModbusSimulator()) {
                int bound = start(() -> sim.start(bind, port == null ? 5020 : port));
                System.out.println("Modbus simulator on tcp://" + bind + ":" + bound + " (unit 1); Ctrl-C stops it.");
                stop.await();
            }
        } else {
            try (OpcUaSimulator sim = new OpcUaSimulator()) {
                start(() -> sim.start(bind, port == null ? 4840 : port, pki));
                System.out.println(
                        "OPC UA simulator on " + sim.url() + " (anonymous, or user " + OpcUaSimulator.OPERATOR + " / "
                                + OpcUaSimulator.DEFAULT_OPERATOR_PASSWORD + "); Ctrl-C stops it.");
                stop.await();
            }
        }
        return ExitCodes.OK;
    }

    private interface Start {
        int run() throws IOException;
    }

    private static int start(Start start) {
        try {
            return start.run();
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILURE, "rung sim: cannot listen: " + e.getMessage(), e);
        }
    }
}

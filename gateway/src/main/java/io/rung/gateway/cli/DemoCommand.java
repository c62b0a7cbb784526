package io.rung.gateway.cli;

import io.rung.config.ConfigException;
import io.rung.config.ConfigLoader;
import io.rung.config.RungConfig;
import io.rung.drivers.sim.ModbusSimulator;
import io.rung.drivers.sim.OpcUaSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rung demo}: built-in simulated PLCs, a ready mapping under {@code building-b/…} and the broker on its
 * default ports, so a newcomer sees live values within seconds.
 */
@Command(
        name = "demo",
        description = "Start with built-in simulated PLCs (Modbus and OPC UA) and a ready mapping under building-b/…, "
                + "and print how to connect.")
final class DemoCommand implements Callable<Integer> {
    @Option(
            names = {"-v", "--verbose"},
            description = "Log every MQTT event, mosquitto -v style.")
    boolean verbose;

    @Mixin
    DebugOption debug = new DebugOption();

    @Override
    public Integer call() throws IOException {
        Path baseDir = Path.of("").toAbsolutePath();
        try (ModbusSimulator plc = new ModbusSimulator();
                OpcUaSimulator tank = new OpcUaSimulator()) {
            int plcPort = plc.start("127.0.0.1", 0);
            int tankPort = tank.start("127.0.0.1", 0, baseDir.resolve("data/sim-pki"));
            RungConfig config = demoConfig(baseDir, plcPort, tankPort);
            return Runner.runUntilStopped(config, verbose, DemoCommand::printHowToConnect);
        }
    }

    static RungConfig demoConfig(Path baseDir, int modbusPort, int opcUaPort) {
        String yaml = String.format(Locale.ROOT, DemoConfig.TEXT, modbusPort, opcUaPort);
        try {
            return ConfigLoader.parse(yaml, "<demo>", baseDir, Map.of());
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in demo configuration is invalid:\n" + e.getMessage(), e);
        }
    }

    private static void printHowToConnect(io.rung.gateway.Gateway gateway) {
        System.out.println();
        System.out.println(
                "Rung demo is running: a simulated pump station (Modbus) and tank (OPC UA) publish under building-b/floor-5/…");
        gateway.broker().listeners().forEach(l -> System.out.println("  broker: " + l.url()));
        gateway.http().ifPresent(h -> {
            System.out.println("  dashboard: http://localhost:" + h.port() + "/ (user admin)");
            System.out.println("  phone:  the dashboard's \"Connect a phone\" page (QR code), or MQTT over WebSocket at"
                    + " ws://<this machine>:" + h.port() + "/mqtt");
        });
        System.out.println("  watch:  mosquitto_sub -h localhost -u admin -P <password> -t 'building-b/#' -v");
        System.out.println("  set:    mosquitto_pub -h localhost -u admin -P <password> "
                + "-t building-b/floor-5/pump-1/speed-setpoint/set -m 1200");
        System.out.println("  The password is in data/initial-password (printed above as 'user admin, password …').");
        System.out.println("Press Ctrl-C to stop.");
    }
}

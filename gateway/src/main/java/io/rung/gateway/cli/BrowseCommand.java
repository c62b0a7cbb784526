package io.rung.gateway.cli;

import io.rung.config.GatewayConfig;
import io.rung.config.OpcUaConfig;
import io.rung.config.Secret;
import io.rung.drivers.api.DriverException;
import io.rung.drivers.opcua.BrowseEntry;
import io.rung.drivers.opcua.OpcUaBrowser;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rung browse}: list an OPC UA server's nodes, or print a ready {@code points:} block. */
@Command(name = "browse", description = "List an OPC UA server's nodes; --yaml prints a ready points: block.")
final class BrowseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "URL", description = "opc.tcp://host:port/path")
    String url;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "NODE",
            description = "Node to list (default: the Objects folder).")
    @Nullable
    String node;

    @Option(names = "--yaml", description = "Print a points: block with nsu= node ids.")
    boolean yaml;

    @Option(
            names = "--security",
            defaultValue = "none",
            description = "none, sign or signAndEncrypt (default ${DEFAULT-VALUE}).")
    String security;

    @Option(
            names = {"-u", "--user"},
            description = "User name (password from $RUNG_PASSWORD).")
    @Nullable
    String user;

    @Option(names = "--trust-all", description = "Trust any server certificate (commissioning only).")
    boolean trustAll;

    @Option(names = "--pki", defaultValue = "data/pki", description = "Certificate folder (default ${DEFAULT-VALUE}).")
    Path pki;

    @Mixin
    DebugOption debug = new DebugOption();

    @Override
    public Integer call() {
        OpcUaConfig.Security mode = switch (security) {
            case "none" -> OpcUaConfig.Security.NONE;
            case "sign" -> OpcUaConfig.Security.SIGN;
            case "signAndEncrypt" -> OpcUaConfig.Security.SIGN_AND_ENCRYPT;
            default ->
                throw new CliFailure(
                        ExitCodes.USAGE,
                        "rung browse: --security must be none, sign or signAndEncrypt (was '" + security + "')");
        };
        Optional<Secret> password =
                Optional.ofNullable(System.getenv("RUNG_PASSWORD")).map(Secret::new);
        OpcUaConfig config = new OpcUaConfig(
                url,
                mode,
                Optional.empty(),
                Optional.ofNullable(user),
                password,
                Optional.empty(),
                Optional.empty(),
                trustAll,
                true,
                1);
        try (OpcUaBrowser browser = OpcUaBrowser.connect(config, pki, GatewayConfig.defaultId())) {
            List<BrowseEntry> entries = browser.browse(Optional.ofNullable(node));
            if (yaml) {
                System.out.print(OpcUaBrowser.pointsYaml(entries));
            } else {
                for (BrowseEntry e : entries) {
                    System.out.printf(
                            Locale.ROOT,
                            "%-40s %-10s %-12s %s%s%n",
                            e.nodeId(),
                            e.nodeClass(),
                            e.dataType().orElse("-"),
                            e.displayName(),
                            e.writable() ? "  (writable)" : "");
                }
            }
            return ExitCodes.OK;
        } catch (DriverException e) {
            throw new CliFailure(ExitCodes.FAILURE, "rung browse: " + e.getMessage(), e);
        }
    }
}

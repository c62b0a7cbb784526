package io.rung.drivers.opcua;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An independent OPC UA server for interoperability tests: node-opcua, installed with npm into
 * {@code target/node-opcua-VERSION} on first use (no lock file, nothing committed), running the script
 * {@code opcua/node-opcua-server.js} from the test resources on a free loopback port.
 */
final class NodeOpcUaServer implements AutoCloseable {
    static final String VERSION = "2.182.0";

    private final Process process;
    private final String url;

    private NodeOpcUaServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    String url() {
        return url;
    }

    /** Installs node-opcua if needed and starts the server, retrying on another port if the port was taken. */
    static NodeOpcUaServer start(Path workDir) throws Exception {
        Path modules = install();
        Path script = script();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            ProcessBuilder pb = new ProcessBuilder(
                            "node", script.toString(), Integer.toString(port), workDir.toString())
                    .redirectError(ProcessBuilder.Redirect.appendTo(
                            workDir.resolve("stderr.txt").toFile()));
            pb.environment().put("NODE_PATH", modules.toString());
            Process p = pb.start();
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readyLine(p));
            try {
                String line = ready.get(90, TimeUnit.SECONDS);
                if (line.startsWith("READY "))
                    return new NodeOpcUaServer(p, line.substring(6).strip());
                last = new IOException("node-opcua did not start on port " + port + ": " + line);
            } catch (java.util.concurrent.TimeoutException e) {
                last = new IOException("node-opcua did not start within 90 s", e);
            }
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        throw last;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            process.destroy();
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String readyLine(Process p) {
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("READY ")) return line;
            }
            return "exited with code " + p.waitFor();
        } catch (IOException e) {
            return "output unreadable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Path install() throws IOException, InterruptedException {
        Path prefix = Path.of("target", "node-opcua-" + VERSION).toAbsolutePath();
        Path modules = prefix.resolve("node_modules");
        if (Files.exists(modules.resolve("node-opcua").resolve("package.json"))) return modules;
        Files.createDirectories(prefix);
        List<String> cmd = new ArrayList<>(List.of(
                "npm",
                "install",
                "--no-package-lock",
                "--no-audit",
                "--no-fund",
                "--prefix",
                prefix.toString(),
                "node-opcua@" + VERSION));
        Process npm = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("npm-install.log").toFile())
                .start();
        if (!npm.waitFor(10, TimeUnit.MINUTES)) {
            npm.destroyForcibly();
            throw new IOException("npm install node-opcua@" + VERSION + " took more than 10 minutes");
        }
        if (npm.exitValue() != 0) {
            throw new IOException(
                    "npm install node-opcua@" + VERSION + " failed; see " + prefix.resolve("npm-install.log"));
        }
        return modules;
    }

    private static Path script() throws URISyntaxException {
        return Path.of(
                NodeOpcUaServer.class.getResource("/opcua/node-opcua-server.js").toURI());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}

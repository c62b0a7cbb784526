package io.rung.gateway.cli;

import io.rung.config.RungConfig;
import io.rung.gateway.doctor.BrokerUrl;
import io.rung.gateway.doctor.ClientProbe;
import io.rung.gateway.doctor.Finding;
import io.rung.gateway.doctor.ProbeOptions;
import io.rung.gateway.doctor.ServerChecks;
import io.rung.gateway.doctor.Step;
import io.rung.gateway.doctor.SystemCommands;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rung doctor [URL] [-u USER]}: without a URL, server-side checks of the local configuration; with one, a
 * step-by-step client probe that names the first failing step, its likely cause and the fix.
 */
@Command(
        name = "doctor",
        description = {
            "Explain why clients cannot connect.",
            "Without URL: check this machine's config, listeners, addresses, firewall, certificates and users.",
            "With URL (mqtt://, mqtts://, ws://HOST:PORT/path, wss://): walk DNS, TCP, TLS, WebSocket, MQTT CONNECT and a "
                    + "subscribe/publish round trip, and explain the first step that fails."
        })
final class DoctorCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", description = "Broker URL to probe as a client.")
    String url;

    @Option(
            names = {"-u", "--user"},
            description =
                    "User name for the probe (password from the prompt, " + "--password-stdin or $RUNG_PASSWORD).")
    String user;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "Config to check (default ./rung.yaml).")
    Path config;

    @Option(names = "--cafile", paramLabel = "FILE", description = "Trust this CA certificate (PEM) for TLS.")
    Path caFile;

    @Option(names = "--insecure", description = "Accept any TLS certificate (only reports what it saw).")
    boolean insecure;

    @Option(names = "--topic", description = "Topic for the round trip (default rung-doctor/<random>).")
    String topic;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5", description = "Per step (default 5).")
    int timeoutSeconds;

    @Mixin
    DebugOption debug = new DebugOption();

    @Override
    public Integer call() {
        return url == null ? server() : client();
    }

    private int client() {
        BrokerUrl target;
        try {
            target = BrokerUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.USAGE, "rung doctor: " + e.getMessage(), e);
        }
        Optional<String> who = Optional.ofNullable(user).or(target::user);
        Optional<byte[]> password = who.isPresent() ? Optional.of(password(who.get())) : Optional.empty();
        String t = topic != null ? topic : "rung-doctor/" + HexFormat.of().toHexDigits(new SecureRandom().nextInt());
        ProbeOptions options = new ProbeOptions(
                who,
                password,
                Optional.ofNullable(caFile),
                insecure,
                t,
                Duration.ofSeconds(Math.max(1, timeoutSeconds)));
        System.out.println(
                "rung doctor: " + target.text() + who.map(u -> " as " + u).orElse(" (anonymous)"));
        List<Step> steps = ClientProbe.run(target, options);
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            System.out.printf(
                    Locale.ROOT, "  %d. %-18s %-6s %s%n", i + 1, s.name(), s.ok() ? "ok" : "FAILED", s.detail());
            s.cause().ifPresent(c -> System.out.println("     likely cause: " + c));
            s.fix().ifPresent(f -> System.out.println("     fix: " + f));
        }
        Step last = steps.get(steps.size() - 1);
        if (last.ok()) {
            System.out.println("All " + steps.size() + " steps passed: a client can connect to " + target.text() + ".");
            return ExitCodes.OK;
        }
        System.out.println("Step " + steps.size() + " (" + last.name() + ") failed.");
        return ExitCodes.FAILURE;
    }

    private byte[] password(String forUser) {
        String env = System.getenv("RUNG_PASSWORD");
        if (passwordStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null) throw new CliFailure(ExitCodes.USAGE, "rung doctor: no password on standard input");
                return line.getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliFailure(
                        ExitCodes.FAILURE, "rung doctor: cannot read standard input: " + e.getMessage(), e);
            }
        }
        if (env != null) return env.getBytes(StandardCharsets.UTF_8);
        Console console = System.console();
        if (console == null) {
            throw new CliFailure(
                    ExitCodes.USAGE,
                    "rung doctor: no terminal to ask for the password of " + forUser
                            + "; use --password-stdin or $RUNG_PASSWORD");
        }
        char[] typed = console.readPassword("Password for %s: ", forUser);
        return typed == null ? new byte[0] : new String(typed).getBytes(StandardCharsets.UTF_8);
    }

    private int server() {
        RungConfig rung = ConfigFiles.loadOrDefault(config);
        System.out.println("rung doctor: server-side checks of " + rung.source());
        List<Finding> findings = new ServerChecks(rung, Clock.systemUTC(), SystemCommands.local()).run();
        long fails = 0;
        long warnings = 0;
        for (Finding f : findings) {
            String level = switch (f.level()) {
                case OK -> "ok";
                case INFO -> "info";
                case WARN -> "WARN";
                case FAIL -> "FAIL";
            };
            System.out.printf(Locale.ROOT, "  %-5s %s: %s%n", level, f.subject(), f.text());
            f.fix().ifPresent(fix -> System.out.println("        fix: " + fix));
            if (f.level() == Finding.Level.FAIL) fails++;
            if (f.level() == Finding.Level.WARN) warnings++;
        }
        System.out.println(fails + " problems, " + warnings + " warnings."
                + (fails + warnings == 0
                        ? ""
                        : " Then test from a client's network: rung doctor mqtt://HOST:PORT -u USER"));
        return fails > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}

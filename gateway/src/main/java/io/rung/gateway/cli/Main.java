package io.rung.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code rung} command. */
@Command(
        name = "rung",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Industrial edge gateway with an embedded, bridgeable MQTT broker.",
        subcommands = {
            RunCommand.class,
            DemoCommand.class,
            CheckCommand.class,
            PasswdCommand.class,
            SimCommand.class,
            ProbeCommand.class,
            BrowseCommand.class,
            DoctorCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int execute(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("rung: " + e.getMessage());
            e.getCommandLine()
                    .getErr()
                    .println("Try 'rung help " + e.getCommandLine().getCommandName() + "' for usage.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler(new FailureHandler());
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

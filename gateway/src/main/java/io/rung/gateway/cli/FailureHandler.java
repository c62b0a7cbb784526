package io.rung.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns an exception from a command into one line on stderr (a stack trace only with {@code --debug}). */
final class FailureHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        boolean debug = parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"))
                || parsed.hasMatchedOption("--debug");
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // Our own failures are already phrased for the user; anything else gets the command's name in front.
        cli.getErr().println(e instanceof CliFailure ? message : "rung: " + message);
        if (debug) e.printStackTrace(cli.getErr());
        return e instanceof CliFailure f ? f.exitCode() : ExitCodes.FAILURE;
    }
}

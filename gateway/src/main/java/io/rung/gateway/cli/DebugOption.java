package io.rung.gateway.cli;

import picocli.CommandLine.Option;

/** The {@code --debug} option every command takes: stack traces on failure. */
final class DebugOption {
    @Option(names = "--debug", description = "Print stack traces of failures.")
    boolean debug;
}

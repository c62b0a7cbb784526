package io.rung.gateway.cli;

/** The exit codes of every {@code rung} command. */
final class ExitCodes {
    /** Success. */
    static final int OK = 0;
    /** A runtime failure such as a listener that cannot bind, or a failed {@code doctor} step. */
    static final int FAILURE = 1;
    /** A bad configuration or bad usage. */
    static final int USAGE = 2;

    private ExitCodes() {}
}

package io.rung.gateway.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.rung.config.RungConfig;
import io.rung.gateway.Gateway;
import io.rung.gateway.GatewayException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Runs a {@link Gateway} until SIGINT or SIGTERM: the first signal shuts down gracefully (within 10 s), a second
 * one exits at once. SIGHUP reloads the TLS certificates.
 */
final class Runner {
    private Runner() {}

    static int runUntilStopped(RungConfig config, boolean verbose) {
        return runUntilStopped(config, verbose, g -> {});
    }

    /** As above; {@code started} runs once everything is up (the demo prints how to connect). */
    static int runUntilStopped(RungConfig config, boolean verbose, Consumer<Gateway> started) {
        if (verbose) ((Logger) LoggerFactory.getLogger("broker.events")).setLevel(Level.DEBUG);
        CountDownLatch stop = new CountDownLatch(1);
        AtomicInteger signals = new AtomicInteger();
        Signal.handle(new Signal("INT"), s -> onSignal(signals, stop));
        Signal.handle(new Signal("TERM"), s -> onSignal(signals, stop));
        Gateway gateway;
        try {
            gateway = Gateway.start(config, verbose, System.out::println);
        } catch (GatewayException e) {
            throw new CliFailure(ExitCodes.FAILURE, e.getMessage(), e);
        }
        // SIGHUP: reload the TLS listeners' certificates and keys; connected clients stay connected
        Signal.handle(new Signal("HUP"), s -> gateway.broker().reloadCertificates());
        started.accept(gateway);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gateway.close();
        return ExitCodes.OK;
    }

    private static void onSignal(AtomicInteger signals, CountDownLatch stop) {
        if (signals.incrementAndGet() > 1) Runtime.getRuntime().halt(130);
        stop.countDown();
    }
}

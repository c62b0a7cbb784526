package io.rung.gateway.southbound;

import io.rung.drivers.api.PointAddress;
import io.rung.drivers.api.Sample;
import io.rung.gateway.mapping.PayloadCodec;
import io.rung.gateway.northbound.FailureText;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs accepted commands on their device's lane, so they never overlap a poll: checks their age once more, writes,
 * reads the point back and publishes it, and answers. Whatever the driver does, the command gets an answer and
 * nothing propagates to the driver's thread.
 */
final class WriteBack {
    /** Commands that may wait for one device's lane; more are refused, so nothing queues without bound. */
    static final int MAX_WAITING = 8;

    private static final Logger LOG = LoggerFactory.getLogger(WriteBack.class);

    private final CommandReplies replies;
    private final CommandAge age;

    WriteBack(CommandReplies replies, CommandAge age) {
        this.replies = replies;
        this.age = age;
    }

    /** The outcome of a command that reached the driver (or was too old when its turn came). */
    private record Outcome(String oldValue, Optional<String> error) {}

    void execute(Command command) {
        Optional<CompletableFuture<Outcome>> queued =
                command.device().lane().trySubmit(MAX_WAITING, () -> run(command));
        if (queued.isEmpty()) {
            refuse(
                    command,
                    oldValue(command),
                    "device " + command.device().name() + " is busy: " + MAX_WAITING + " commands are waiting");
            return;
        }
        queued.get().whenComplete((outcome, failure) -> {
            try {
                if (failure != null) {
                    refuse(command, oldValue(command), "write failed: " + FailureText.of(failure));
                } else if (outcome.error().isPresent()) {
                    refuse(command, outcome.oldValue(), outcome.error().get());
                } else {
                    replies.ok(
                            command.message(),
                            command.qos(),
                            command.label(),
                            outcome.oldValue(),
                            command.value(),
                            command.idJson());
                }
            } catch (RuntimeException e) {
                LOG.error(
                        "Command on topic '{}' could not be answered: {}",
                        command.message().topic(),
                        e.toString(),
                        e);
            }
        });
    }

    private CompletableFuture<Outcome> run(Command command) {
        String oldValue = oldValue(command);
        Optional<String> late = age.refusal(
                command.message(), command.ts(), command.device().config().maxCommandAge());
        if (late.isPresent()) return CompletableFuture.completedFuture(new Outcome(oldValue, late));
        PointAddress address = command.address();
        CompletableFuture<Void> write;
        try {
            write = command.device().driver().write(address, command.value());
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        return write.handle((ignored, failure) -> failure == null
                        ? Optional.<String>empty()
                        : Optional.of("write failed: " + FailureText.of(failure)))
                .thenCompose(error -> error.isPresent()
                        ? CompletableFuture.completedFuture(new Outcome(oldValue, error))
                        : readBack(command).thenApply(done -> new Outcome(oldValue, Optional.empty())));
    }

    /** Reads the written point and publishes it; a failed read-back is logged, the write itself succeeded. */
    private CompletableFuture<Void> readBack(Command command) {
        CompletableFuture<List<Sample>> read;
        try {
            read = command.device().driver().read(List.of(command.address()));
        } catch (RuntimeException e) {
            read = CompletableFuture.failedFuture(e);
        }
        return read.handle((samples, failure) -> {
            if (failure != null || samples.isEmpty()) {
                LOG.warn(
                        "Device {} read-back of {} after a write failed: {}",
                        command.device().name(),
                        command.point().name(),
                        failure == null ? "no sample" : FailureText.of(failure));
            } else {
                publishReadBack(command, samples.get(0));
            }
            return null;
        });
    }

    private static void publishReadBack(Command command, Sample sample) {
        try {
            command.device().publisher().onReadBack(sample);
        } catch (RuntimeException e) {
            LOG.error(
                    "Device {} read-back of {} could not be published: {}",
                    command.device().name(),
                    command.point().name(),
                    e.toString(),
                    e);
        }
    }

    private void refuse(Command command, String oldValue, String error) {
        replies.refused(
                command.message(),
                command.qos(),
                command.label(),
                oldValue,
                PayloadCodec.valueJson(command.value()),
                error,
                command.idJson());
    }

    static String oldValue(Command command) {
        return command.device()
                .publisher()
                .latest(command.point().name())
                .flatMap(Sample::value)
                .map(PayloadCodec::valueJson)
                .orElse("unknown");
    }
}
